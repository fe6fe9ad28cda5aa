using FinanceMatch.Core.Common;
using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

/// <summary>
/// A rebuild run's life: a recompute queues, runs, completes or is given up; a switch-over runs from the moment it is
/// asked and is never given up; any other move is refused.
/// </summary>
public sealed class ProfileRebuildRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static ProfileRebuildRun In(RebuildRunStatus status)
    {
        var run = ProfileRebuildRun.Recompute(10, "operator", Now);
        if (status != RebuildRunStatus.Queued)
            run.Start(10, Now);
        if (status == RebuildRunStatus.Completed)
            run.Complete(Now);
        if (status == RebuildRunStatus.Failed)
            for (var i = 0; i < ProfileRebuildRun.MaxFailedAttempts; i++)
                run.RecordFailure("boom", Now);
        Assert.That(run.Status, Is.EqualTo(status));
        return run;
    }

    private static readonly Dictionary<string, (Action<ProfileRebuildRun> Move, RebuildRunStatus[] From)> Moves = new()
    {
        ["start"] = (r => r.Start(10, Now), [RebuildRunStatus.Queued]),
        ["advance"] = (r => r.Advance(2, "91440604MA4UXXXX1X"), [RebuildRunStatus.Running]),
        ["complete"] = (r => r.Complete(Now), [RebuildRunStatus.Running]),
        ["recordFailure"] = (r => r.RecordFailure("boom", Now), [RebuildRunStatus.Queued, RebuildRunStatus.Running]),
    };

    private static IEnumerable<TestCaseData> EveryMoveFromEveryState() =>
        from move in Moves.Keys
        from status in Enum.GetValues<RebuildRunStatus>()
        select new TestCaseData(move, status).SetName($"{move}_From{status}");

    [TestCaseSource(nameof(EveryMoveFromEveryState))]
    public void OnlyTheDrawnMovesAreAllowed(string move, RebuildRunStatus from)
    {
        var (apply, allowedFrom) = Moves[move];
        var run = In(from);
        if (allowedFrom.Contains(from))
            Assert.DoesNotThrow(() => apply(run));
        else
        {
            Assert.Throws<ConflictException>(() => apply(run));
            Assert.That(run.Status, Is.EqualTo(from), "a refused move changes nothing");
        }
    }

    [Test]
    public void ARecompute_Queues_ThenRunsInSteps_AndCompletesWithEveryFirmDone()
    {
        var run = ProfileRebuildRun.Recompute(4, "operator", Now);
        Assert.That(
            (run.Status, run.StartedAt, run.Kind),
            Is.EqualTo((RebuildRunStatus.Queued, (DateTimeOffset?)null, RebuildRunKind.Recompute))
        );

        run.Start(5, Now.AddMinutes(1));
        run.Advance(3, "C");
        Assert.That((run.Done, run.Total, run.LastUscc), Is.EqualTo((3, 5, "C")), "counted again as it starts");
        run.Advance(2, "E");

        run.Complete(Now.AddMinutes(2));

        Assert.That(
            (run.Status, run.Done, run.Total, run.StartedAt, run.FinishedAt),
            Is.EqualTo(
                (
                    RebuildRunStatus.Completed,
                    5,
                    5,
                    (DateTimeOffset?)Now.AddMinutes(1),
                    (DateTimeOffset?)Now.AddMinutes(2)
                )
            )
        );
    }

    [Test]
    public void ARecompute_WhoseStepsFailThreeTimesInARow_IsGivenUp_WithTheReason()
    {
        var run = In(RebuildRunStatus.Running);
        run.RecordFailure("first", Now);
        run.Advance(2, "B");
        Assert.That(
            (run.FailedAttempts, run.FailureReason),
            Is.EqualTo((0, (string?)null)),
            "a step that commits clears them"
        );

        run.RecordFailure("one", Now);
        run.RecordFailure("two", Now);
        Assert.That(run.Status, Is.EqualTo(RebuildRunStatus.Running));
        run.RecordFailure(new string('x', 600), Now.AddMinutes(3));

        Assert.That(
            (run.Status, run.FailedAttempts, run.FailureReason?.Length, run.FinishedAt),
            Is.EqualTo(
                (
                    RebuildRunStatus.Failed,
                    3,
                    (int?)ProfileRebuildRun.MaxFailureReasonLength,
                    (DateTimeOffset?)Now.AddMinutes(3)
                )
            )
        );
    }

    [Test]
    public void ASwitchOver_RunsFromTheMomentItIsAsked_AndIsNeverGivenUp()
    {
        var run = ProfileRebuildRun.SwitchOver(
            ScoringModel.Find("2026.2")!,
            ScoringModel.Find("2027.1")!,
            3,
            "operator",
            Now
        );
        Assert.That(
            (run.Kind, run.Status, run.StartedAt, run.FromVersion, run.ToVersion),
            Is.EqualTo((RebuildRunKind.SwitchOver, RebuildRunStatus.Running, (DateTimeOffset?)Now, "2026.2", "2027.1"))
        );
        Assert.Throws<ConflictException>(() => run.Start(3, Now), "running already");

        for (var i = 0; i < 10; i++)
            run.RecordFailure("boom", Now);

        Assert.That((run.Status, run.FailedAttempts), Is.EqualTo((RebuildRunStatus.Running, 10)));
    }

    [Test]
    public void ASwitchOver_ToTheVersionInForce_IsRefused() =>
        Assert.Throws<UnprocessableException>(() =>
            ProfileRebuildRun.SwitchOver(ScoringModel.Newest, ScoringModel.Newest, 0, "operator", Now)
        );

    [Test]
    public void FirmsVerifiedDuringARun_CountInItsTotal_AndDoneEqualsTotalWhenItCompletes()
    {
        var run = In(RebuildRunStatus.Running);
        run.Advance(10, "J");
        run.Advance(2, "L");
        Assert.That((run.Done, run.Total), Is.EqualTo((12, 12)), "done never passes total");

        var fewer = In(RebuildRunStatus.Running);
        fewer.Advance(9, "I");
        fewer.Complete(Now);

        Assert.That((fewer.Done, fewer.Total), Is.EqualTo((9, 9)), "the total is the firms it rebuilt");
    }
}
