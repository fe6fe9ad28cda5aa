namespace FinanceMatch.Client.Contracts;

/// <summary>What a breakdown groups by.</summary>
public enum StatsDimension
{
    /// <summary>The bank of each match.</summary>
    Institution,

    /// <summary>The product of each match.</summary>
    Product,

    /// <summary>The firm's administrative division code.</summary>
    Division,

    /// <summary>The firm's industry code.</summary>
    Industry,

    /// <summary>The firm's credit grade when it posted the request ("unrated" when it had none).</summary>
    Grade,

    /// <summary>The month the request was posted (YYYY-MM).</summary>
    Month,
}

/// <summary>
/// Matchmaking figures over the loan requests posted in a period and everything that happened to them (docs/STATISTICS.md).
/// </summary>
public sealed record StatsOverviewDto(
    DateOnly? From,
    DateOnly To,
    Guid? InstitutionId,
    long Enterprises,
    long RatedEnterprises,
    long Institutions,
    long PublishedProducts,
    long LoanRequests,
    decimal RequestedAmount,
    long MatchedRequests,
    long Matches,
    long ApprovedMatches,
    decimal ApprovedAmount,
    long DisbursedLoans,
    decimal DisbursedAmount,
    double? ApprovalRate,
    double? MedianHoursToFirstResponse
);

/// <summary>The figures of one group of a breakdown.</summary>
public sealed record StatsRowDto(
    string Key,
    string Label,
    long LoanRequests,
    decimal RequestedAmount,
    long MatchedRequests,
    long Matches,
    long ApprovedMatches,
    decimal ApprovedAmount,
    long DisbursedLoans,
    decimal DisbursedAmount,
    double? ApprovalRate,
    double? MedianHoursToFirstResponse
);

/// <summary>A breakdown of the figures by one dimension.</summary>
public sealed record StatsBreakdownDto(
    StatsDimension By,
    DateOnly? From,
    DateOnly To,
    Guid? InstitutionId,
    IReadOnlyList<StatsRowDto> Rows
);

/// <summary>The health of one department's feed of one type, with the objections open against its records.</summary>
public sealed record FeedHealthDto(
    Guid DepartmentId,
    string DepartmentName,
    FeedType FeedType,
    long Batches,
    long FailedBatches,
    long AcceptedRows,
    long RejectedRows,
    DateTimeOffset? LastBatchReceivedAt,
    bool Quiet,
    long OpenObjections,
    long OverdueObjections
);

/// <summary>Feed health of every department and feed type it may push.</summary>
public sealed record FeedStatsDto(int QuietAfterDays, IReadOnlyList<FeedHealthDto> Feeds);

/// <summary>What a refresh of the pre-aggregated figures did: posting days recomputed, months rolled up, rows written.</summary>
public sealed record StatsRefreshDto(int Days, int Months, long Rows, double Milliseconds);
