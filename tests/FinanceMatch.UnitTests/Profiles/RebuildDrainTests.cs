using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

public sealed class RebuildDrainTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    [Test]
    public void ALargeBurst_WaitsForBatchesInFlight()
    {
        var action = RebuildDrain.Decide(1_000_000, 1_000_000, true, TimeSpan.FromSeconds(20), MaxDelay);
        Assert.That(action, Is.EqualTo(RebuildDrainAction.Wait));
    }

    [Test]
    public void ALargeBurst_IsRebuiltInOnePass_WhenNoBatchIsInFlight()
    {
        var action = RebuildDrain.Decide(1_000_000, 1_000_000, false, TimeSpan.FromSeconds(20), MaxDelay);
        Assert.That(action, Is.EqualTo(RebuildDrainAction.FullPass));
    }

    [Test]
    public void ALargeBurst_StopsWaiting_OnceItsOldestRequestHasWaitedTheMaximum()
    {
        Assert.That(
            RebuildDrain.Decide(1_000_000, 1_000_000, true, MaxDelay, MaxDelay),
            Is.EqualTo(RebuildDrainAction.FullPass)
        );
        Assert.That(
            RebuildDrain.Decide(30_000, 1_000_000, true, MaxDelay + TimeSpan.FromSeconds(1), MaxDelay),
            Is.EqualTo(RebuildDrainAction.Steps)
        );
    }

    [Test]
    public void ASmallBurst_IsRebuiltAtOnce_EvenWithBatchesInFlight()
    {
        var action = RebuildDrain.Decide(RebuildDrain.StepFirms - 1, 1_000_000, true, TimeSpan.Zero, MaxDelay);
        Assert.That(action, Is.EqualTo(RebuildDrainAction.Steps));
    }

    [Test]
    public void HalfOfTheVerifiedFirms_IsWhereOnePassTakesOver()
    {
        Assert.That(
            RebuildDrain.Decide(499_999, 1_000_000, false, TimeSpan.Zero, MaxDelay),
            Is.EqualTo(RebuildDrainAction.Steps)
        );
        Assert.That(
            RebuildDrain.Decide(500_000, 1_000_000, false, TimeSpan.Zero, MaxDelay),
            Is.EqualTo(RebuildDrainAction.FullPass)
        );
        Assert.That(
            RebuildDrain.Decide(3, 4, false, TimeSpan.Zero, MaxDelay),
            Is.EqualTo(RebuildDrainAction.Steps),
            "a platform smaller than one step keeps to steps"
        );
    }

    [Test]
    public void NoRequests_NothingToWaitFor()
    {
        Assert.That(
            RebuildDrain.Decide(0, 1_000_000, true, TimeSpan.Zero, MaxDelay),
            Is.EqualTo(RebuildDrainAction.Steps)
        );
    }
}
