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
/// <param name="ProgrammeId">The risk programme that covers the loan.</param>
/// <param name="ProgrammeName">The programme's name.</param>
/// <param name="Exposure">The most the programme would pay on this loan, reserved when it was paid out, in yuan
/// (CNY).</param>
/// <param name="Reserved">What the programme still holds for the loan, in yuan (CNY): the exposure while active, then
/// 0.</param>
/// <param name="Status">Whether the reservation stands, was paid on a claim or was released.</param>
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
/// <param name="Id">The loan id: the id of the match it was paid out under (UUID).</param>
/// <param name="LoanRequestId">The firm's loan request.</param>
/// <param name="EnterpriseId">The borrowing firm.</param>
/// <param name="InstitutionId">The lending bank.</param>
/// <param name="ProductId">The product lent under.</param>
/// <param name="ProductVersion">The version of the product the match was made from.</param>
/// <param name="Amount">The amount paid out, in yuan (CNY).</param>
/// <param name="AnnualRate">The agreed annual interest rate in percent, e.g. <c>3.85</c> for 3.85% a year.</param>
/// <param name="TermMonths">The agreed term, in months.</param>
/// <param name="DisbursedOn">The day the loan was paid out, <c>YYYY-MM-DD</c>.</param>
/// <param name="FirstLoan">Whether this is the firm's first bank loan (首贷), as the bank said when paying it
/// out.</param>
/// <param name="GuaranteeType">How the loan is secured; <c>credit</c> is unsecured.</param>
/// <param name="Status">Where the loan is in its life.</param>
/// <param name="PrincipalOutstanding">Principal still owed at the latest report, in yuan (CNY); the amount paid out
/// until the first report.</param>
/// <param name="OverdueDays">Days the loan was overdue at the latest report; 0 when repaying on time.</param>
/// <param name="LastPeriod">The latest month reported, <c>YYYY-MM</c>; null until the bank first reports.</param>
/// <param name="DefaultedOn">The day a default was reported, <c>YYYY-MM-DD</c>; null if the loan never
/// defaulted.</param>
/// <param name="EndedOn">The day it was reported settled, recovered or written off, <c>YYYY-MM-DD</c>; null while
/// running.</param>
/// <param name="Stale">True for a running loan its bank has not reported for two whole months.</param>
/// <param name="Cover">The risk programme covering the loan; null when none does.</param>
/// <param name="UpdatedAt">When the loan last changed (ISO 8601, UTC).</param>
/// <param name="GuaranteeId">The guarantor's cover of the loan, when its match relied on one; else null.</param>
/// <param name="PolicyIds">The policies that reserved a subsidy or bonus for the loan when it was paid out; empty when
/// none did.</param>
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
/// <param name="Period">The month reported, <c>YYYY-MM</c>.</param>
/// <param name="PrincipalOutstanding">Principal still owed at the end of the month, in yuan (CNY).</param>
/// <param name="OverdueDays">Days overdue at the end of the month.</param>
/// <param name="Status">The loan's status at the end of the month.</param>
/// <param name="BatchId">The <c>loanPerformance</c> batch the report came in; null when reported by a call.</param>
/// <param name="ReportedAt">When the report was received (ISO 8601, UTC).</param>
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
/// <param name="Period">The month reported, <c>YYYY-MM</c>: not before the month of disbursement, not in the future,
/// and not before the latest month reported (409).</param>
/// <param name="PrincipalOutstanding">Principal still owed, in yuan (CNY): at most the amount paid out, 0 when settled
/// or recovered, above 0 when written off.</param>
/// <param name="OverdueDays">Days overdue, 0 to 36,500: 0 when repaying, settled or recovered, above 0 when overdue or
/// defaulted.</param>
/// <param name="Status">The loan's status now; it must be a move the lifecycle allows (409 otherwise).</param>
public sealed record ReportLoanPerformanceBody(
    string Period,
    decimal PrincipalOutstanding,
    int OverdueDays,
    LoanStatus Status
);
