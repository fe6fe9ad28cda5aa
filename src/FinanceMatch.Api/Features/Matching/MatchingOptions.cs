namespace FinanceMatch.Api.Features.Matching;

public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>How long a bank has to respond to a pending match before it expires.</summary>
    public int ResponseDeadlineHours { get; set; } = 72;

    /// <summary>The most matches one request gets (the best-fitting product of each bank, best banks first).</summary>
    public int MaxMatchesPerRequest { get; set; } = 20;

    /// <summary>
    /// How many matching runs may wait in the queue at once. Each run matches every request it finds waiting, so a burst
    /// of requests is shared by at most this many queued runs instead of one job each.
    /// </summary>
    public int QueuedRuns { get; set; } = 8;

    /// <summary>How many requests one run matches before it hands over to a new run, so that no job runs for ever under sustained load.</summary>
    public int RequestsPerRun { get; set; } = 1000;
}
