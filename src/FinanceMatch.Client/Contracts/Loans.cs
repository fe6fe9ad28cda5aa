namespace FinanceMatch.Client.Contracts;

/// <summary>Where a disbursed loan is (docs/LIFECYCLE.md draws the moves).</summary>
public enum LoanStatus
{
    /// <summary>Paid out and being repaid on time.</summary>
    Repaying,

    /// <summary>A repayment is late.</summary>
    Overdue,

    /// <summary>Repaid in full.</summary>
    Settled,

    /// <summary>The bank classified the loan as in default.</summary>
    Defaulted,

    /// <summary>After a default, the bank recovered what was owed.</summary>
    Recovered,

    /// <summary>After a default, the bank wrote the rest off.</summary>
    WrittenOff,
}

/// <summary>The programme covering a loan, and what it holds for it.</summary>
public sealed record LoanCoverDto(
    Guid ProgrammeId,
    string ProgrammeName,
    decimal Exposure,
    decimal Reserved,
    EnrolmentStatus Status
);

/// <summary>
/// A disbursed match, followed until it ends; its id is the match's. <c>stale</c>: a running loan its bank has not
/// reported for two whole periods.
/// </summary>
public sealed record LoanDto(
    Guid Id,
    Guid LoanRequestId,
    Guid EnterpriseId,
    Guid InstitutionId,
    Guid ProductId,
    int ProductVersion,
    decimal Amount,
    decimal AnnualRate,
    int TermMonths,
    DateOnly DisbursedOn,
    bool FirstLoan,
    GuaranteeType GuaranteeType,
    LoanStatus Status,
    decimal PrincipalOutstanding,
    int OverdueDays,
    string? LastPeriod,
    DateOnly? DefaultedOn,
    DateOnly? EndedOn,
    bool Stale,
    LoanCoverDto? Cover,
    DateTimeOffset UpdatedAt,
    Guid? GuaranteeId = null,
    IReadOnlyList<Guid>? PolicyIds = null
);

/// <summary>One period's report of a loan.</summary>
public sealed record LoanPerformanceDto(
    string Period,
    decimal PrincipalOutstanding,
    int OverdueDays,
    LoanStatus Status,
    Guid? BatchId,
    DateTimeOffset ReportedAt
);

/// <summary>
/// Body of <c>POST /api/v1/loans/{id}/performance</c>: the loan at the end of one period (a calendar month,
/// <c>yyyy-MM</c>).
/// </summary>
public sealed record ReportLoanPerformanceBody(
    string Period,
    decimal PrincipalOutstanding,
    int OverdueDays,
    LoanStatus Status
);
