namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Hangfire queues, each with a server and workers of its own: matching (loan requests only, a firm is waiting), default
/// (sweeps, expiry, profile rebuilds), ingest (feed batches) and webhooks (deliveries). So a long feed batch, a nightly
/// rebuild or a bank's slow receiver can never hold up matching.
/// </summary>
public static class JobQueues
{
    public const string Matching = "matching";
    public const string Default = "default";
    public const string Ingest = "ingest";
    public const string Webhooks = "webhooks";
}
