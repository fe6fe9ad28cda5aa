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
    double? MedianHoursToFirstResponse,
    long ReferredRequests = 0,
    long ReferralsMatched = 0,
    long ReferralsFunded = 0,
    decimal PolicyMoneyCommitted = 0,
    decimal PolicyMoneyPaid = 0,
    long DemandHallInterests = 0,
    long DemandHallConfirmed = 0,
    long DemandHallFunded = 0
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

/// <summary>What a loan outcomes breakdown groups by.</summary>
public enum LoanStatsDimension
{
    /// <summary>Every loan in one row.</summary>
    All,

    /// <summary>The lending bank.</summary>
    Institution,

    /// <summary>The product the loan was matched to.</summary>
    Product,

    /// <summary>The firm's grade at disbursement ("unrated" when it had none).</summary>
    Grade,

    /// <summary>The firm's administrative division code.</summary>
    Division,

    /// <summary>The firm's industry code.</summary>
    Industry,

    /// <summary>The risk-compensation programme covering the loan ("none" when none does).</summary>
    Programme,

    /// <summary>How the loan is secured (credit is unsecured).</summary>
    Guarantee,
}

/// <summary>
/// The outcomes of one group of loans disbursed in a period (docs/LIFECYCLE.md): how many are outstanding, repaying, overdue,
/// defaulted, first loans and unsecured, the ratios, the average rate, the median times from request to approval and to
/// disbursement, the loans their banks have not reported for two periods, and what programmes hold and paid for them.
/// </summary>
public sealed record LoanStatsRowDto(
    string Key,
    string Label,
    long Loans,
    decimal DisbursedAmount,
    long OutstandingLoans,
    decimal OutstandingAmount,
    long OverdueLoans,
    decimal OverdueAmount,
    long DefaultedLoans,
    decimal DefaultedAmount,
    long SettledLoans,
    long RepayingLoans,
    double? OverdueRatio,
    double? DefaultRate,
    long FirstLoans,
    double? FirstLoanRate,
    long CreditLoans,
    double? CreditShare,
    decimal? AverageAnnualRate,
    double? MedianHoursToApproval,
    double? MedianDaysToDisbursement,
    long StaleLoans,
    long CoveredLoans,
    decimal ProgrammeReserved,
    decimal ClaimsPaid
);

/// <summary>Loan outcomes of the loans disbursed in a period, by one dimension.</summary>
public sealed record LoanStatsDto(
    LoanStatsDimension By,
    DateOnly? From,
    DateOnly To,
    Guid? InstitutionId,
    IReadOnlyList<LoanStatsRowDto> Rows
);
