namespace FinanceMatch.Core.Profiles;

/// <summary>What a drain of the profile rebuild requests does when it starts.</summary>
public enum RebuildDrainAction
{
    /// <summary>Rebuild the requested firms in steps of <see cref="RebuildDrain.StepFirms"/>, looked up by USCC.</summary>
    Steps,

    /// <summary>Leave the requests for the drain the last batch in flight will ask for.</summary>
    Wait,

    /// <summary>Rebuild every verified firm in one pass over the feed tables.</summary>
    FullPass,
}

/// <summary>
/// When the firms feed batches touched are rebuilt. A large burst (a month of every feed for everyone) waits while
/// batches are still being processed, since they touch the same firms again, but never longer than the platform's
/// maximum delay after its oldest request; a small one is rebuilt at once, as waiting would save little and leave its
/// firms' profiles behind. When the requests cover at least half of the verified firms, one pass over every firm costs
/// less than looking them up by USCC (docs/PERFORMANCE.md, "Province scale"); on a platform of fewer verified firms than
/// one step holds, steps are cheap and check only the records of the firms asked for.
/// </summary>
public static class RebuildDrain
{
    /// <summary>How many firms one step of a drain rebuilds in its own transaction; also the smallest burst worth waiting for.</summary>
    public const int StepFirms = 20_000;

    /// <summary>The share of verified firms from which one pass over every firm is cheaper than steps by USCC.</summary>
    public const double FullPassShare = 0.5;

    public static RebuildDrainAction Decide(
        long requests,
        long verifiedFirms,
        bool batchesInFlight,
        TimeSpan oldestRequestAge,
        TimeSpan maxDelay
    )
    {
        if (requests == 0)
            return RebuildDrainAction.Steps;
        if (batchesInFlight && requests >= StepFirms && oldestRequestAge < maxDelay)
            return RebuildDrainAction.Wait;
        return WorthAFullPass(requests, verifiedFirms) ? RebuildDrainAction.FullPass : RebuildDrainAction.Steps;
    }

    /// <summary>Whether one pass over every verified firm costs less than rebuilding <paramref name="requests"/> firms by USCC.</summary>
    public static bool WorthAFullPass(long requests, long verifiedFirms) =>
        verifiedFirms >= StepFirms && requests >= FullPassShare * verifiedFirms;
}
