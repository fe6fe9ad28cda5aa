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
/// <param name="MinGrade">The lowest credit grade admitted (<c>AAA</c>, <c>AA</c>, <c>A</c>, <c>BBB</c>, <c>BB</c>,
/// <c>B</c> or <c>C</c>); an unrated firm fails it. Null sets no grade rule.</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes of 2 to 6 digits (e.g. <c>44</c> or <c>4406</c>), at most
/// 100; the firm's division code must start with one.</param>
/// <param name="IndustryPrefixes">GB/T 4754 industry prefixes, a section letter and up to two digits (e.g. <c>C</c> or
/// <c>C39</c>), at most 100; the firm's industry must start with one.</param>
/// <param name="Lists">Ids of lists the policy's own department keeps, at most 20; the firm must be on one of them
/// while it is valid.</param>
/// <param name="FirstLoansOnly">Only a firm's first loan on the platform qualifies; always true for a first-loan
/// bonus.</param>
/// <param name="ProductTags">Product tags, at most 20 of at most 50 characters each; the loan's product must carry one
/// of them.</param>
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
/// <param name="Name">The policy's name, 1 to 200 characters.</param>
/// <param name="Kind">What the policy pays: an interest subsidy, a guarantee-fee subsidy or a first-loan bonus.</param>
/// <param name="Budget">The whole budget in yuan (CNY), above 0, at most two decimals.</param>
/// <param name="CapPerLoan">The most the policy pays on one loan, in yuan (CNY), above 0.</param>
/// <param name="ValidFrom">First day the policy applies, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last day the policy applies (inclusive), <c>YYYY-MM-DD</c>; not before
/// <c>validFrom</c>.</param>
/// <param name="Eligibility">Who the policy is for; null admits every firm (a first-loan bonus still only first
/// loans).</param>
/// <param name="SubsidyRate">For a subsidy: percentage points paid per year (e.g. <c>1.5</c>), above 0 and at most 10,
/// up to four decimals; must be null for a first-loan bonus.</param>
/// <param name="SubsidyMonths">For a subsidy: how many months of the loan it pays for, 1 to 60; must be null for a
/// first-loan bonus.</param>
/// <param name="BonusAmount">For a first-loan bonus: the sum paid per first loan, in yuan (CNY), above 0; must be null
/// for a subsidy.</param>
/// <param name="Description">Free text describing the policy, at most 2,000 characters; optional.</param>
/// <param name="DepartmentId">The department that owns the policy: required from an operator; a department leaves it
/// null or names itself.</param>
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
/// <param name="Id">The policy id (UUID).</param>
/// <param name="DepartmentId">The department that owns and funds the policy.</param>
/// <param name="Name">The policy's name.</param>
/// <param name="Kind">What the policy pays.</param>
/// <param name="Description">Free text describing the policy; null when none was given.</param>
/// <param name="Eligibility">Who the policy is for.</param>
/// <param name="SubsidyRate">For a subsidy: percentage points paid per year (e.g. <c>1.5</c>); null for a first-loan
/// bonus.</param>
/// <param name="SubsidyMonths">For a subsidy: how many months of the loan it pays for; null for a first-loan
/// bonus.</param>
/// <param name="BonusAmount">For a first-loan bonus: the sum per first loan, in yuan (CNY); null for a subsidy.</param>
/// <param name="CapPerLoan">The most the policy pays on one loan, in yuan (CNY).</param>
/// <param name="ValidFrom">First day the policy applies, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last day the policy applies (inclusive), <c>YYYY-MM-DD</c>.</param>
/// <param name="Budget">The whole budget in yuan (CNY); always equals available plus reserved plus paid.</param>
/// <param name="Reserved">Yuan held for loans already paid out and not yet claimed or released; null except for
/// operators and the owning department.</param>
/// <param name="Paid">Yuan paid out on approved claims; null except for operators and the owning department.</param>
/// <param name="Available">Yuan left to reserve: the budget less reserved and paid; null except for operators and the
/// owning department.</param>
/// <param name="CreatedAt">When the policy was created (ISO 8601, UTC).</param>
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
/// <param name="Policy">The policy itself.</param>
/// <param name="Qualifies">True when the firm passes every rule checked.</param>
/// <param name="Checks">Every rule checked, each with what the policy requires, the firm's own value and whether it
/// passed.</param>
/// <param name="FailedRules">The checks the firm failed; empty when it qualifies.</param>
/// <param name="RequiresProductTags">The tags the loan's product must carry one of; not checked here, since only the
/// loan decides. Empty when the policy names none.</param>
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
/// <param name="Qualifies">Open policies (valid today, budget left) whose every rule the firm passes.</param>
/// <param name="MissesByOneRule">Open policies the firm fails by exactly one rule, named in <c>failedRules</c>.</param>
public sealed record EligiblePoliciesDto(
    IReadOnlyList<EligiblePolicyDto> Qualifies,
    IReadOnlyList<EligiblePolicyDto> MissesByOneRule
);

/// <summary>Body of <c>POST /api/v1/loans/{id}/subsidy-claims</c>: the subsidy the bank claims under one policy.</summary>
/// <param name="PolicyId">The policy claimed under: one that reserved money for this loan at disbursement (404
/// otherwise).</param>
/// <param name="Amount">The sum claimed, in yuan (CNY), above 0 and at most what the loan has earned so far less what
/// was already claimed (422 otherwise).</param>
public sealed record FileSubsidyClaimBody(Guid PolicyId, decimal Amount);

/// <summary>A bank's claim of a policy's subsidy on its loan.</summary>
/// <param name="Id">The claim id (UUID).</param>
/// <param name="LoanId">The loan claimed on.</param>
/// <param name="PolicyId">The policy claimed under.</param>
/// <param name="InstitutionId">The bank that filed the claim.</param>
/// <param name="Amount">The sum claimed, in yuan (CNY).</param>
/// <param name="MonthsPaid">How many months of the loan its bank had reported repaid (or settled) when the claim was
/// filed.</param>
/// <param name="Status">Whether the claim is submitted, approved (paid) or rejected.</param>
/// <param name="Note">The deciding department's or operator's note; null until decided, and may stay null on an
/// approval.</param>
/// <param name="FiledAt">When the bank filed the claim (ISO 8601, UTC).</param>
/// <param name="DecidedAt">When it was approved or rejected (ISO 8601, UTC); null while submitted.</param>
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
