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
public sealed record RiskProgrammeEligibilityDto(
    IReadOnlyList<string>? Grades = null,
    IReadOnlyList<Guid>? ProductIds = null,
    IReadOnlyList<string>? DivisionPrefixes = null,
    IReadOnlyList<string>? IndustryPrefixes = null,
    bool FirstLoansOnly = false
);

/// <summary>Body of <c>POST /api/v1/risk-programmes</c> (an operator, or a department for itself).</summary>
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
public sealed record LedgerEntryDto(
    long Id,
    Guid LoanId,
    Guid? ClaimId,
    LedgerEntryKind Kind,
    decimal Amount,
    DateTimeOffset At
);

/// <summary>Body of <c>POST /api/v1/loans/{id}/claims</c>: the bank's loss on the defaulted loan.</summary>
public sealed record FileClaimBody(decimal Loss);

/// <summary>Body of <c>POST /api/v1/claims/{id}/reject</c> (a note is required) and <c>/approve</c> (optional).</summary>
public sealed record DecideClaimBody(string? Note);

/// <summary>A bank's claim on a programme for the loss on a defaulted loan.</summary>
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
