namespace FinanceMatch.Core.Feeds;

/// <summary>
/// The monthly partitions of the records of a month. A partition exists for every month of the look-back (the 24 months
/// a profile and a report read) and <see cref="AheadMonths"/> months ahead of today; months keep their partitions as
/// they age, until retention drops them whole. A period without a partition (history older than the look-back sent
/// after the platform started, or older than the retention) waits in the table's default partition, where retention
/// deletes its rows.
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

    /// <summary>The months a profile and a report look back.</summary>
    public const int LookBackMonths = 24;

    /// <summary>
    /// The first and last months that must have a partition of their own: the look-back (not earlier than the retention
    /// cutoff) to three months ahead. A fresh database gets 28 partitions a table, not the 63 of the whole retention.
    /// </summary>
    public static (DateOnly From, DateOnly To) Window(DateOnly today, int retentionMonths)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var lookBack = month.AddMonths(-LookBackMonths);
        var cutoff = RetentionCutoff(today, retentionMonths);
        return (lookBack > cutoff ? lookBack : cutoff, month.AddMonths(AheadMonths));
    }

    /// <summary>The partition of one month: <c>tax_records_p202612</c>.</summary>
    public static string PartitionName(string table, DateOnly month) => $"{table}_p{month:yyyyMM}";
}
