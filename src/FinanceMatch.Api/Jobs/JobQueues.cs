namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Hangfire queues. Ingest and webhook deliveries have their own servers and workers, so a long feed batch or a bank's
/// slow receiver can never hold up matching or alerts.
/// </summary>
public static class JobQueues
{
    public const string Matching = "matching";
    public const string Default = "default";
    public const string Ingest = "ingest";
    public const string Webhooks = "webhooks";
}
