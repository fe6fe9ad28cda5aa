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

/// <summary>A guarantor's or insurer's guarantee product.</summary>
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
    DateTimeOffset? PublishedAt
);
