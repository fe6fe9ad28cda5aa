namespace FinanceMatch.Api.Features.Feeds;

public sealed class FeedOptions
{
    public const string Section = "Feeds";

    public long MaxBatchBytes { get; set; } = 256L * 1024 * 1024;
    public int MaxBatchRows { get; set; } = 1_000_000;

    /// <summary>Rejected rows are all counted, but only this many reasons are kept per batch.</summary>
    public int MaxStoredErrors { get; set; } = 100_000;

    /// <summary>How often (in rows) a running batch publishes its progress.</summary>
    public int ProgressEveryRows { get; set; } = 25_000;

    /// <summary>Records asked of a department server per pulled page.</summary>
    public int PullPageSize { get; set; } = 1000;

    /// <summary>Quick retries inside one pull before the job fails and Hangfire's slower retries take over.</summary>
    public int PullRetryAttempts { get; set; } = 3;
    public int PullRetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>How long the raw uploaded payload of a finished batch is kept (for audit and replay) before it is purged.</summary>
    public int PayloadRetentionDays { get; set; } = 90;

    /// <summary>
    /// How many months of monthly records (tax, social security, utilities, housing fund) are kept, the month in progress
    /// included: five years, as long as an adverse record; at least 25 (a profile looks back 24 months). Older months are
    /// dropped whole, partition by partition.
    /// </summary>
    public int PeriodRetentionMonths { get; set; } = 60;
}
