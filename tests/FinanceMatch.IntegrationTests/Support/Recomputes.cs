using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Recomputes of every profile, followed to their end.</summary>
public static class Recomputes
{
    /// <summary>Waits for the recompute to finish (completed or failed), and returns it.</summary>
    public static async Task<ProfileRecomputeDto> FinishedAsync(FinanceMatchClient @operator, Guid id)
    {
        ProfileRecomputeDto? run = null;
        await Eventually.HoldsAsync(
            async () =>
                (run = await @operator.Profiles.GetRecomputeAsync(id)).Status
                    is RecomputeStatus.Completed
                        or RecomputeStatus.Failed,
            TimeSpan.FromSeconds(120),
            () => $"recompute {id} stopped at {run?.FirmsDone} of {run?.FirmsTotal} ({run?.Status})"
        );
        return run!;
    }

    /// <summary>
    /// Recomputes every profile and waits for a recompute that started after <paramref name="since"/> to complete, so
    /// every firm verified before then was rebuilt by it. Asking while another test's recompute runs answers with that
    /// one, which may have passed a firm verified after it started: then the next one covers it.
    /// </summary>
    public static async Task<ProfileRecomputeDto> CompletedSinceAsync(
        FinanceMatchClient @operator,
        DateTimeOffset since
    )
    {
        ProfileRecomputeDto run;
        var attempts = 0;
        do
        {
            run = await FinishedAsync(@operator, (await @operator.Profiles.RecomputeAsync()).Id);
            Assert.That(run.Status, Is.EqualTo(RecomputeStatus.Completed), run.FailureReason);
        } while (!(run.StartedAt > since) && ++attempts < 3);
        Assert.That(run.StartedAt, Is.GreaterThan(since), "no recompute started after the firms were verified");
        return run;
    }
}
