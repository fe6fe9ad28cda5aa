namespace FinanceMatch.Client.Contracts;

/// <summary>Where a guarantee product is.</summary>
public enum GuaranteeProductStatus
{
    /// <summary>Its institution's own, not yet offered.</summary>
    Draft,

    /// <summary>Offered: public.</summary>
    Published,

    /// <summary>No longer takes loans.</summary>
    Withdrawn,
}

/// <summary>
/// Body of <c>POST /api/v1/guarantee-products</c> (a guarantor or insurer): the share of a loan covered
/// (<c>coverageRatio</c>, 0.8 for 80%), the annual fee in percent of the guaranteed principal, the loan amounts taken,
/// the total principal it may guarantee (<c>capacity</c>), and which firms: divisions, industries and the same
/// eligibility rules as loan products.
/// </summary>
public sealed record GuaranteeProductBody(
    string Name,
    string? Description,
    decimal CoverageRatio,
    decimal AnnualFeeRate,
    decimal MinAmount,
    decimal MaxAmount,
    decimal Capacity,
    IReadOnlyList<string>? DivisionPrefixes = null,
    IReadOnlyList<string>? IndustryPrefixes = null,
    EligibilityDto? Eligibility = null
);

/// <summary>A guarantor's or insurer's guarantee product; <c>committed</c> (the principal its guarantees hold of the capacity) to its institution and operators only.</summary>
public sealed record GuaranteeProductDto(
    Guid Id,
    Guid InstitutionId,
    string Name,
    string Description,
    decimal CoverageRatio,
    decimal AnnualFeeRate,
    decimal MinAmount,
    decimal MaxAmount,
    decimal Capacity,
    IReadOnlyList<string> DivisionPrefixes,
    IReadOnlyList<string> IndustryPrefixes,
    EligibilityDto Eligibility,
    GuaranteeProductStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    decimal? Committed = null
);

/// <summary>Where a guarantor's part of a loan request is (docs/LIFECYCLE.md, "Guarantees").</summary>
public enum GuaranteeStatus
{
    /// <summary>In the guarantor's inbox.</summary>
    Pending,

    /// <summary>The guarantor takes the loan on; its amount is held against the product's capacity.</summary>
    Approved,

    /// <summary>The guarantor refused; the offers relying on it were withdrawn.</summary>
    Declined,

    /// <summary>Not needed: the request was cancelled or another offer taken.</summary>
    Withdrawn,

    /// <summary>The loan was paid out and is covered until it ends.</summary>
    Active,

    /// <summary>The loan ended without loss; the capacity is free again.</summary>
    Released,

    /// <summary>The loan defaulted; the bank claims the covered share of its loss.</summary>
    Claimed,

    /// <summary>The guarantor paid the claim.</summary>
    Paid,

    /// <summary>The guarantor refused the claim, with a note.</summary>
    ClaimRejected,
}

/// <summary>
/// A guarantor's part of a loan request (政银担): the guarantee product that covers it, the coverage and fee, and the
/// guarantor's decision; once the loan is paid out, its cover and any claim on it.
/// </summary>
public sealed record GuaranteeDto(
    Guid Id,
    Guid LoanRequestId,
    Guid EnterpriseId,
    Guid GuaranteeProductId,
    Guid InstitutionId,
    decimal CoverageRatio,
    decimal AnnualFeeRate,
    decimal Amount,
    int TermMonths,
    GuaranteeStatus Status,
    decimal Committed,
    string? DeclineReason,
    Guid? LoanId,
    decimal? ClaimedLoss,
    decimal? ClaimAmount,
    string? ClaimNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? ClaimDecidedAt,
    DateTimeOffset UpdatedAt
);

/// <summary>The guarantor a match relies on, and its terms when the match was made.</summary>
public sealed record MatchGuaranteeDto(
    Guid GuaranteeId,
    Guid InstitutionId,
    decimal CoverageRatio,
    decimal AnnualFeeRate
);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/decline</c>: why the guarantor will not cover the loan.</summary>
public sealed record DeclineGuaranteeBody(string Reason);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/claim</c>: the bank's loss on the defaulted loan.</summary>
public sealed record ClaimGuaranteeBody(decimal Loss);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/pay</c> (note optional) and <c>/reject-claim</c> (note required).</summary>
public sealed record DecideGuaranteeClaimBody(string? Note);
