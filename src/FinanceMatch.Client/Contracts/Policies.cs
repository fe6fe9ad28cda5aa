namespace FinanceMatch.Client.Contracts;

/// <summary>What a government policy pays on an eligible loan.</summary>
public enum PolicyKind
{
    /// <summary>贴息: percentage points of the rate, for the first months of the loan.</summary>
    InterestSubsidy,

    /// <summary>担保费补贴: percentage points of the guarantee fee, for a loan a guarantor covers.</summary>
    GuaranteeFeeSubsidy,

    /// <summary>首贷奖补: a fixed sum for a firm's first bank loan.</summary>
    FirstLoanBonus,
}

/// <summary>Who a policy is for, by the matching engine's rules; every field set is a rule, an empty list admits any.</summary>
public sealed record PolicyEligibilityDto(
    string? MinGrade = null,
    IReadOnlyList<string>? DivisionPrefixes = null,
    IReadOnlyList<string>? IndustryPrefixes = null,
    IReadOnlyList<Guid>? Lists = null,
    bool FirstLoansOnly = false,
    IReadOnlyList<string>? ProductTags = null
);

/// <summary>
/// Body of <c>POST /api/v1/policies</c> (an operator naming the department, or a department for itself). A subsidy
/// states <c>subsidyRate</c> (percentage points) and <c>subsidyMonths</c>; a first-loan bonus its <c>bonusAmount</c>.
/// </summary>
public sealed record CreatePolicyBody(
    string Name,
    PolicyKind Kind,
    decimal Budget,
    decimal CapPerLoan,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    PolicyEligibilityDto? Eligibility = null,
    decimal? SubsidyRate = null,
    int? SubsidyMonths = null,
    decimal? BonusAmount = null,
    string? Description = null,
    Guid? DepartmentId = null
);

/// <summary>
/// A policy: its terms (public to signed-in callers) and its budget as available + reserved + paid (operators and the
/// owning department only; null for anyone else).
/// </summary>
public sealed record PolicyDto(
    Guid Id,
    Guid DepartmentId,
    string Name,
    PolicyKind Kind,
    string? Description,
    PolicyEligibilityDto Eligibility,
    decimal? SubsidyRate,
    int? SubsidyMonths,
    decimal? BonusAmount,
    decimal CapPerLoan,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    decimal Budget,
    decimal? Reserved,
    decimal? Paid,
    decimal? Available,
    DateTimeOffset CreatedAt
);

/// <summary>
/// A policy as it stands for one firm: every rule checked (as near-misses show a product's), whether it qualifies now,
/// and the rules a product must still meet (its tags), which only a loan decides.
/// </summary>
public sealed record EligiblePolicyDto(
    PolicyDto Policy,
    bool Qualifies,
    IReadOnlyList<RuleCheckDto> Checks,
    IReadOnlyList<RuleCheckDto> FailedRules,
    IReadOnlyList<string> RequiresProductTags
);

/// <summary>
/// Answer of <c>GET /api/v1/enterprises/{id}/eligible-policies</c>: the open policies the firm qualifies for, and those
/// it misses by one rule.
/// </summary>
public sealed record EligiblePoliciesDto(
    IReadOnlyList<EligiblePolicyDto> Qualifies,
    IReadOnlyList<EligiblePolicyDto> MissesByOneRule
);

/// <summary>Body of <c>POST /api/v1/loans/{id}/subsidy-claims</c>: the subsidy the bank claims under one policy.</summary>
public sealed record FileSubsidyClaimBody(Guid PolicyId, decimal Amount);

/// <summary>A bank's claim of a policy's subsidy on its loan.</summary>
public sealed record SubsidyClaimDto(
    Guid Id,
    Guid LoanId,
    Guid PolicyId,
    Guid InstitutionId,
    decimal Amount,
    int MonthsPaid,
    ClaimStatus Status,
    string? Note,
    DateTimeOffset FiledAt,
    DateTimeOffset? DecidedAt
);
