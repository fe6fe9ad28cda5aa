namespace FinanceMatch.Client.Contracts;

/// <summary>What a programme holds for a loan.</summary>
public enum EnrolmentStatus
{
    /// <summary>The reservation stands.</summary>
    Active,

    /// <summary>A claim was paid.</summary>
    Paid,

    /// <summary>The reservation went back to the budget (the loan ended well, or the claim window passed).</summary>
    Released,
}

/// <summary>Where a claim is.</summary>
public enum ClaimStatus
{
    /// <summary>Filed; the programme's department has not decided.</summary>
    Submitted,

    /// <summary>Paid from the programme's budget.</summary>
    Approved,

    /// <summary>Refused, with a note; the bank may file again within the window.</summary>
    Rejected,
}

/// <summary>A movement of a programme's money.</summary>
public enum LedgerEntryKind
{
    /// <summary>Budget set aside for an enrolled loan.</summary>
    Reservation,

    /// <summary>A reservation given back to the budget.</summary>
    Release,

    /// <summary>A claim paid.</summary>
    Payout,
}

/// <summary>Which loans a programme covers; an empty list admits any.</summary>
/// <param name="Grades">Credit grades at disbursement admitted (AAA, AA, A, BBB, BB, B, C), at most 20; when set, a firm unrated at disbursement is not admitted.</param>
/// <param name="ProductIds">Loan products admitted (UUIDs), at most 100.</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes of 2 to 6 digits (44, 4406) the firm's division code must start with one of, at most 100.</param>
/// <param name="IndustryPrefixes">GB/T 4754 industry prefixes, a section letter and up to two digits (C, C39), the firm's industry code must start with one of, at most 100.</param>
/// <param name="FirstLoansOnly">True to admit only first loans (首贷) as the bank marked them at disbursement; false by default.</param>
public sealed record RiskProgrammeEligibilityDto(
    IReadOnlyList<string>? Grades = null,
    IReadOnlyList<Guid>? ProductIds = null,
    IReadOnlyList<string>? DivisionPrefixes = null,
    IReadOnlyList<string>? IndustryPrefixes = null,
    bool FirstLoansOnly = false
);

/// <summary>Body of <c>POST /api/v1/risk-programmes</c> (an operator, or a department for itself).</summary>
/// <param name="Name">The programme's name, 1 to 200 characters.</param>
/// <param name="DepartmentId">The owning department (UUID): required from an operator; a department may leave it null (naming another is 403).</param>
/// <param name="Budget">The money the department puts in, in yuan (CNY), above 0 with at most 2 decimals.</param>
/// <param name="CoverageRatio">Share of a loss repaid, above 0 and at most 1 with up to 4 decimals (0.4 for 40%).</param>
/// <param name="CapPerLoan">The most the programme pays on one loan, in yuan (CNY), above 0.</param>
/// <param name="Eligibility">Which loans it covers; null admits any.</param>
/// <param name="ClaimWindowDays">Days after the default in which the bank may claim, from 1 to 3650.</param>
/// <param name="ValidFrom">First disbursement day that enrols, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last disbursement day that enrols, <c>YYYY-MM-DD</c>, not before <c>validFrom</c>.</param>
public sealed record CreateRiskProgrammeBody(
    string Name,
    Guid? DepartmentId,
    decimal Budget,
    decimal CoverageRatio,
    decimal CapPerLoan,
    RiskProgrammeEligibilityDto? Eligibility,
    int ClaimWindowDays,
    DateOnly ValidFrom,
    DateOnly ValidTo
);

/// <summary>
/// A risk-compensation programme: its terms (public to signed-in callers), and its budget as available + reserved + paid
/// (only for operators and the owning department; null for anyone else: a jump in them would tell of one loan).
/// </summary>
/// <param name="Id">The programme's id (UUID).</param>
/// <param name="Name">The programme's name.</param>
/// <param name="DepartmentId">The owning department (UUID).</param>
/// <param name="Budget">The money the department put in, in yuan (CNY); always available plus reserved plus paid.</param>
/// <param name="CoverageRatio">Share of a loss repaid, above 0 and at most 1 (0.4 for 40%).</param>
/// <param name="CapPerLoan">The most the programme pays on one loan, in yuan (CNY).</param>
/// <param name="Eligibility">Which loans it covers.</param>
/// <param name="ClaimWindowDays">Days after the default in which the bank may claim.</param>
/// <param name="ValidFrom">First disbursement day that enrols, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last disbursement day that enrols, <c>YYYY-MM-DD</c>.</param>
/// <param name="Reserved">Budget held for enrolled loans, in yuan (CNY); null unless the caller is an operator or the owning department.</param>
/// <param name="Paid">Budget paid out on approved claims, in yuan (CNY); null unless the caller is an operator or the owning department.</param>
/// <param name="Available">Budget still free for new loans, in yuan (CNY); null unless the caller is an operator or the owning department.</param>
/// <param name="CreatedAt">When the programme was created (ISO 8601, UTC).</param>
public sealed record RiskProgrammeDto(
    Guid Id,
    string Name,
    Guid DepartmentId,
    decimal Budget,
    decimal CoverageRatio,
    decimal CapPerLoan,
    RiskProgrammeEligibilityDto Eligibility,
    int ClaimWindowDays,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    decimal? Reserved,
    decimal? Paid,
    decimal? Available,
    DateTimeOffset CreatedAt
);

/// <summary>One movement of a programme's money.</summary>
/// <param name="Id">The entry's number in the append-only fund ledger; entries are listed in this order.</param>
/// <param name="LoanId">The loan the money moved for (UUID).</param>
/// <param name="ClaimId">The claim a payout, or the release after it, settled (UUID); null for other movements.</param>
/// <param name="Kind">How the money moved.</param>
/// <param name="Amount">The sum moved, in yuan (CNY), always above 0.</param>
/// <param name="At">When it moved (ISO 8601, UTC).</param>
public sealed record LedgerEntryDto(
    long Id,
    Guid LoanId,
    Guid? ClaimId,
    LedgerEntryKind Kind,
    decimal Amount,
    DateTimeOffset At
);

/// <summary>Body of <c>POST /api/v1/loans/{id}/claims</c>: the bank's loss on the defaulted loan.</summary>
/// <param name="Loss">The bank's loss, in yuan (CNY), above 0 with at most 2 decimals, at most the principal outstanding last reported; for a guaranteed loan, the loss claimed from the guarantor.</param>
public sealed record FileClaimBody(decimal Loss);

/// <summary>Body of <c>POST /api/v1/claims/{id}/reject</c> (a note is required) and <c>/approve</c> (optional).</summary>
/// <param name="Note">The decider's note, at most 1000 characters; required to reject.</param>
public sealed record DecideClaimBody(string? Note);

/// <summary>A bank's claim on a programme for the loss on a defaulted loan.</summary>
/// <param name="Id">The claim's id (UUID).</param>
/// <param name="LoanId">The defaulted loan (UUID).</param>
/// <param name="ProgrammeId">The programme claimed on (UUID).</param>
/// <param name="InstitutionId">The bank that filed it (UUID).</param>
/// <param name="Loss">The loss the bank stated, in yuan (CNY).</param>
/// <param name="Amount">What the programme pays if approved, in yuan (CNY): the covered share of the loss less <c>guarantorPaid</c>, at most what it reserved for the loan.</param>
/// <param name="Status">Where the claim is.</param>
/// <param name="Note">The decider's note; null when none was given or the claim is undecided.</param>
/// <param name="FiledAt">When the bank filed it (ISO 8601, UTC).</param>
/// <param name="DecidedAt">When it was approved or rejected (ISO 8601, UTC); null before.</param>
/// <param name="GuarantorPaid">What the loan's guarantor paid on the loss first, in yuan (CNY); 0 when no guarantor paid.</param>
public sealed record ClaimDto(
    Guid Id,
    Guid LoanId,
    Guid ProgrammeId,
    Guid InstitutionId,
    decimal Loss,
    decimal Amount,
    ClaimStatus Status,
    string? Note,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecidedAt,
    decimal GuarantorPaid = 0
);
