namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Hangfire queues. Ingest has its own server and workers, so a long feed batch can never hold up matching or alerts.
/// </summary>
public static class JobQueues
{
    public const string Matching = "matching";
    public const string Default = "default";
    public const string Ingest = "ingest";
}
