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
/// <param name="From">First day of the period, <c>YYYY-MM-DD</c> (UTC, inclusive); null when the period starts at the beginning.</param>
/// <param name="To">Last day of the period, <c>YYYY-MM-DD</c> (UTC, inclusive); today when the request gave none.</param>
/// <param name="InstitutionId">The bank whose own figures these are (UUID); null for an operator's platform-wide figures.</param>
/// <param name="Enterprises">Verified firms registered before the end of the period; for a bank, the distinct firms matched to it by then.</param>
/// <param name="RatedEnterprises">Of those firms, the ones whose current credit profile is rated.</param>
/// <param name="Institutions">Institutions onboarded before the end of the period; 1 for a bank.</param>
/// <param name="PublishedProducts">Products published now whose last publication was before the end of the period; for a bank, its own.</param>
/// <param name="LoanRequests">Loan requests posted in the period; for a bank, those matched to it.</param>
/// <param name="RequestedAmount">Sum of those requests' amounts, in yuan (CNY).</param>
/// <param name="MatchedRequests">Of those requests, the ones with at least one match (for a bank, a match of its own).</param>
/// <param name="Matches">Matches made for those requests (for a bank, its own matches).</param>
/// <param name="ApprovedMatches">Matches a bank approved with an offer, whatever happened to the offer after.</param>
/// <param name="ApprovedAmount">Sum of the approved offers' amounts, in yuan (CNY).</param>
/// <param name="DisbursedLoans">Matches paid out.</param>
/// <param name="DisbursedAmount">Sum of the amounts paid out, in yuan (CNY).</param>
/// <param name="ApprovalRate">Approved matches divided by decided ones (approved plus declined), a fraction from 0 to 1 with 4 decimals; null when no match was decided.</param>
/// <param name="MedianHoursToFirstResponse">Median hours from a match being made to the bank's first move (review or decline), each time truncated to a tenth of an hour; null when no bank responded.</param>
/// <param name="ReferredRequests">Requests posted in the period that a declined firm asked to be matched again; for a bank, those then matched to it.</param>
/// <param name="ReferralsMatched">Of the referred requests, those matched to a bank that had not seen them since the referral.</param>
/// <param name="ReferralsFunded">Of the referred requests, those paid out from a match made since the referral.</param>
/// <param name="PolicyMoneyCommitted">Policy subsidies reserved at disbursement during the period, in yuan (CNY); for a bank, on its own loans.</param>
/// <param name="PolicyMoneyPaid">Policy subsidies paid on approved claims during the period, in yuan (CNY); for a bank, on its own loans.</param>
/// <param name="DemandHallInterests">Banks' interests in demand-hall requests expressed in the period; for a bank, its own.</param>
/// <param name="DemandHallConfirmed">Of those interests, the ones the firm confirmed (which made a match).</param>
/// <param name="DemandHallFunded">Of those interests, the ones whose match was paid out.</param>
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
/// <param name="Key">The group: an institution or product id, a division or industry code, a grade (<c>unrated</c> when none) or a month <c>YYYY-MM</c>.</param>
/// <param name="Label">A readable name of the group: the institution's current name or the product's name; otherwise the key itself.</param>
/// <param name="LoanRequests">Loan requests of the group posted in the period.</param>
/// <param name="RequestedAmount">Sum of those requests' amounts, in yuan (CNY).</param>
/// <param name="MatchedRequests">Of those requests, the ones with at least one match.</param>
/// <param name="Matches">Matches made for those requests.</param>
/// <param name="ApprovedMatches">Matches a bank approved with an offer, whatever happened to the offer after.</param>
/// <param name="ApprovedAmount">Sum of the approved offers' amounts, in yuan (CNY).</param>
/// <param name="DisbursedLoans">Matches paid out.</param>
/// <param name="DisbursedAmount">Sum of the amounts paid out, in yuan (CNY).</param>
/// <param name="ApprovalRate">Approved matches divided by decided ones (approved plus declined), a fraction from 0 to 1; null when no match was decided.</param>
/// <param name="MedianHoursToFirstResponse">Median hours from a match being made to the bank's first move, each time truncated to a tenth of an hour; null when no bank responded.</param>
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
/// <param name="By">What the rows are grouped by.</param>
/// <param name="From">First day of the period, <c>YYYY-MM-DD</c> (UTC, inclusive); null when the period starts at the beginning.</param>
/// <param name="To">Last day of the period, <c>YYYY-MM-DD</c> (UTC, inclusive); today when the request gave none.</param>
/// <param name="InstitutionId">The bank whose own figures these are (UUID); null for an operator's platform-wide figures.</param>
/// <param name="Rows">One row per group, ordered by key; requests without a match are in no institution or product row.</param>
public sealed record StatsBreakdownDto(
    StatsDimension By,
    DateOnly? From,
    DateOnly To,
    Guid? InstitutionId,
    IReadOnlyList<StatsRowDto> Rows
);

/// <summary>The health of one department's feed of one type, with the objections open against its records.</summary>
/// <param name="DepartmentId">The pushing department (UUID).</param>
/// <param name="DepartmentName">The department's name.</param>
/// <param name="FeedType">The feed type this row counts.</param>
/// <param name="Batches">Batches of this type the department has ever sent.</param>
/// <param name="FailedBatches">Of those batches, the ones that failed with nothing applied.</param>
/// <param name="AcceptedRows">Rows accepted, summed over all those batches.</param>
/// <param name="RejectedRows">Rows rejected, summed over all those batches.</param>
/// <param name="LastBatchReceivedAt">When the latest batch arrived (ISO 8601, UTC); null when none ever did.</param>
/// <param name="Quiet">True when no batch of this type arrived in the last <c>quietAfterDays</c> days, or none ever.</param>
/// <param name="OpenObjections">Objections still open against the department's records of this feed type.</param>
/// <param name="OverdueObjections">Of those, the ones past their due day: 20 days after filing unanswered, or 20 days after a promised correction not yet pushed.</param>
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
/// <param name="QuietAfterDays">Days without a batch after which a feed counts as quiet (35: feeds are monthly).</param>
/// <param name="Feeds">One row per department and feed type it may push, ordered by department name; a department sees only its own.</param>
public sealed record FeedStatsDto(int QuietAfterDays, IReadOnlyList<FeedHealthDto> Feeds);

/// <summary>What a refresh of the pre-aggregated figures did: posting days recomputed, months rolled up, rows written.</summary>
/// <param name="Days">Posting days whose figures were recomputed from the raw rows.</param>
/// <param name="Months">Finished months rolled up again.</param>
/// <param name="Rows">Rollup rows written.</param>
/// <param name="Milliseconds">How long the refresh took, in milliseconds (one decimal).</param>
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
/// <param name="Key">The group: <c>all</c>, an institution, product or programme id (<c>none</c> when not covered), a grade at disbursement (<c>unrated</c> when none), a division or industry code, or a guarantee type.</param>
/// <param name="Label">A readable name of the group: the institution's, product's or programme's name (<c>not covered</c>); otherwise the key itself.</param>
/// <param name="Loans">Loans of the group disbursed in the period.</param>
/// <param name="DisbursedAmount">Sum of the amounts paid out, in yuan (CNY).</param>
/// <param name="OutstandingLoans">Loans still running: repaying, overdue or defaulted.</param>
/// <param name="OutstandingAmount">Principal outstanding on the running loans, in yuan (CNY).</param>
/// <param name="OverdueLoans">Loans overdue now.</param>
/// <param name="OverdueAmount">Principal outstanding on the overdue loans, in yuan (CNY).</param>
/// <param name="DefaultedLoans">Loans that ever defaulted, whatever happened after.</param>
/// <param name="DefaultedAmount">Principal outstanding on the loans now defaulted or written off, in yuan (CNY).</param>
/// <param name="SettledLoans">Loans repaid in full.</param>
/// <param name="RepayingLoans">Loans repaying on time now.</param>
/// <param name="OverdueRatio">Overdue amount divided by outstanding amount, a fraction from 0 to 1; null when nothing is outstanding.</param>
/// <param name="DefaultRate">Defaulted loans divided by loans, a fraction from 0 to 1; null when there are no loans.</param>
/// <param name="FirstLoans">First loans (首贷), as the banks marked them at disbursement.</param>
/// <param name="FirstLoanRate">First loans divided by loans, a fraction from 0 to 1; null when there are no loans.</param>
/// <param name="CreditLoans">Unsecured (credit) loans.</param>
/// <param name="CreditShare">Credit loans divided by loans, a fraction from 0 to 1; null when there are no loans.</param>
/// <param name="AverageAnnualRate">Mean annual interest rate of the offers paid out, in percent (3.85 for 3.85%, 4 decimals); null when there are no loans.</param>
/// <param name="MedianHoursToApproval">Median hours from the request being posted to the bank's approval; null when unknown.</param>
/// <param name="MedianDaysToDisbursement">Median days from the day the request was posted (UTC) to the disbursement day; null when unknown.</param>
/// <param name="StaleLoans">Running loans whose bank has not reported on them for two whole periods before the current month.</param>
/// <param name="CoveredLoans">Loans a risk-compensation programme covers.</param>
/// <param name="ProgrammeReserved">What programmes still hold in reserve for these loans, in yuan (CNY).</param>
/// <param name="ClaimsPaid">Programme claims paid on these loans, in yuan (CNY).</param>
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
/// <param name="By">What the rows are grouped by.</param>
/// <param name="From">First disbursement day counted, <c>YYYY-MM-DD</c> (UTC, inclusive); null when the period starts at the beginning.</param>
/// <param name="To">Last disbursement day counted, <c>YYYY-MM-DD</c> (UTC, inclusive); today when the request gave none.</param>
/// <param name="InstitutionId">The bank whose own loans these are (UUID); null for an operator's platform-wide figures.</param>
/// <param name="Rows">One row per group, ordered by key.</param>
public sealed record LoanStatsDto(
    LoanStatsDimension By,
    DateOnly? From,
    DateOnly To,
    Guid? InstitutionId,
    IReadOnlyList<LoanStatsRowDto> Rows
);
