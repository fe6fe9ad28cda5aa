using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Features.Profiles;
using FinanceMatch.Api.Jobs;

namespace FinanceMatch.UnitTests.Platform;

public sealed class MovedJobsTests
{
    [Test]
    public void AJobEnqueuedUnderItsOldName_ResolvesToTheMovedClass()
    {
        var stored = "FinanceMatch.Api.Features.LoanRequests.MatchWaitingRequests+Job, FinanceMatch.Api";

        Assert.That(MovedJobs.Resolve(stored), Is.EqualTo(typeof(MatchWaitingRequests.Job)));
        Assert.That(
            MovedJobs.Resolve(typeof(MatchWaitingRequests.Job).FullName + ", FinanceMatch.Api"),
            Is.EqualTo(typeof(MatchWaitingRequests.Job))
        );
    }

    [TestCase("RunModelSwitchOver", typeof(RunProfileRebuildRuns.Job))]
    [TestCase("RebuildAllProfiles", typeof(RecomputeProfiles.Job))]
    public void TheProfileRebuildJobsOfEarlierVersions_ResolveToTheRebuildRuns(string earlierClass, Type now) =>
        Assert.That(
            MovedJobs.Resolve($"FinanceMatch.Api.Features.Profiles.{earlierClass}+Job, FinanceMatch.Api"),
            Is.EqualTo(now)
        );
}
