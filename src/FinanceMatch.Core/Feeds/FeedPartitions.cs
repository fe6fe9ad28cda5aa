namespace FinanceMatch.Core.Feeds;

/// <summary>
/// The monthly partitions of the records of a month. A partition exists for every month from the retention cutoff to
/// <see cref="AheadMonths"/> months ahead of today; a period outside that window (history older than the retention, sent
/// late) waits in the table's default partition. Retention drops whole months instead of deleting rows.
/// </summary>
public static class FeedPartitions
{
    /// <summary>Months created ahead, so that a missed maintenance run or two never sends a new month to the default partition.</summary>
    public const int AheadMonths = 3;

    /// <summary>The shortest retention allowed: a profile and a report look back 24 months, and the month in progress.</summary>
    public const int MinimumRetentionMonths = 25;

    /// <summary>The first month kept: periods before it are removed.</summary>
    public static DateOnly RetentionCutoff(DateOnly today, int retentionMonths) =>
        new DateOnly(today.Year, today.Month, 1).AddMonths(-(retentionMonths - 1));

    /// <summary>The first and last months that must have a partition of their own.</summary>
    public static (DateOnly From, DateOnly To) Window(DateOnly today, int retentionMonths) =>
        (RetentionCutoff(today, retentionMonths), new DateOnly(today.Year, today.Month, 1).AddMonths(AheadMonths));

    /// <summary>The partition of one month: <c>tax_records_p202612</c>.</summary>
    public static string PartitionName(string table, DateOnly month) => $"{table}_p{month:yyyyMM}";
}
