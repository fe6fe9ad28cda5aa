using Hangfire.Common;

namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Jobs are stored with their class's name. A job enqueued by an earlier version under a class that has since moved
/// still runs: its old name is read as the new one (the matching jobs left <c>Features.LoanRequests</c> for
/// <c>Features.Matching</c>; the switch-over's runner and the nightly rebuild became the profile rebuild runs' jobs).
/// </summary>
public static class MovedJobs
{
    private static readonly (string Old, string New)[] Namespaces =
    [
        (
            "FinanceMatch.Api.Features.LoanRequests.MatchWaitingRequests+",
            "FinanceMatch.Api.Features.Matching.MatchWaitingRequests+"
        ),
        (
            "FinanceMatch.Api.Features.LoanRequests.RematchStalledRequests+",
            "FinanceMatch.Api.Features.Matching.RematchStalledRequests+"
        ),
        // The switch-over's runner became the runner of every profile rebuild run, and the nightly rebuild a recompute.
        (
            "FinanceMatch.Api.Features.Profiles.RunModelSwitchOver+",
            "FinanceMatch.Api.Features.Profiles.RunProfileRebuildRuns+"
        ),
        (
            "FinanceMatch.Api.Features.Profiles.RebuildAllProfiles+",
            "FinanceMatch.Api.Features.Profiles.RecomputeProfiles+"
        ),
    ];

    public static string Rename(string typeName)
    {
        foreach (var (old, renamed) in Namespaces)
            if (typeName.StartsWith(old, StringComparison.Ordinal))
                return renamed + typeName[old.Length..];
        return typeName;
    }

    public static Type Resolve(string typeName) => TypeHelper.DefaultTypeResolver(Rename(typeName));
}
