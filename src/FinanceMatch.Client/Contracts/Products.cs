namespace FinanceMatch.Client.Contracts;

/// <summary>What secures a loan.</summary>
public enum GuaranteeType
{
    /// <summary>Unsecured: the firm's credit alone.</summary>
    Credit,

    /// <summary>A mortgage on property.</summary>
    Mortgage,

    /// <summary>A third party's guarantee.</summary>
    Guarantee,

    /// <summary>A pledge of movable assets or rights (receivables, patents).</summary>
    Pledge,
}

/// <summary>Where a product is in its life.</summary>
public enum ProductStatus
{
    /// <summary>Being prepared; only its bank sees it.</summary>
    Draft,

    /// <summary>In the public catalogue and matched against new requests.</summary>
    Published,

    /// <summary>Out of the catalogue; matches already made stand.</summary>
    Withdrawn,
}

/// <summary>Industry prefixes (GB/T 4754) a product is limited to or shuts out.</summary>
public sealed record IndustryPrefixes(IReadOnlyList<string>? Include, IReadOnlyList<string>? Exclude);

/// <summary>Who a product is for; every field that is set is a rule the firm must pass.</summary>
public sealed record EligibilityDto(
    string? MinGrade = null,
    int? MinScore = null,
    double? MinYearsInOperation = null,
    decimal? MinAnnualTaxPaid = null,
    int? MinInsuredEmployees = null,
    bool? ExcludeDishonestDebtors = null,
    int? ExcludeSeriousPenaltiesMonths = null,
    IReadOnlyList<Guid>? Lists = null
);

/// <summary>
/// List-specific terms: a firm on any of <paramref name="Lists"/> (lists shared with the bank, while valid) is offered
/// the product's rates less <paramref name="RateDiscount"/> percentage points; matching ranks and explains it so.
/// </summary>
public sealed record ListTermsDto(IReadOnlyList<Guid> Lists, decimal RateDiscount);

/// <summary>Body of <c>POST /api/v1/products</c> and <c>PUT /api/v1/products/{id}</c>: all of a product's terms.</summary>
public sealed record ProductBody(
    string Name,
    string Description,
    decimal MinAmount,
    decimal MaxAmount,
    int MinTermMonths,
    int MaxTermMonths,
    decimal MinAnnualRate,
    decimal MaxAnnualRate,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    IReadOnlyList<string>? DivisionPrefixes = null,
    IndustryPrefixes? IndustryPrefixes = null,
    EligibilityDto? Eligibility = null,
    IReadOnlyList<string>? Tags = null,
    ListTermsDto? ListTerms = null
);

/// <summary>A loan product at its current version; <c>fitScore</c> only in <c>GET /products?eligibleFor=me</c>: how well it fits the firm (and the loan asked for).</summary>
public sealed record ProductDto(
    Guid Id,
    Guid InstitutionId,
    int Version,
    ProductStatus Status,
    string Name,
    string Description,
    decimal MinAmount,
    decimal MaxAmount,
    int MinTermMonths,
    int MaxTermMonths,
    decimal MinAnnualRate,
    decimal MaxAnnualRate,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    IReadOnlyList<string> DivisionPrefixes,
    IndustryPrefixes IndustryPrefixes,
    EligibilityDto Eligibility,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    int? FitScore = null,
    ListTermsDto? ListTerms = null
);

/// <summary>The terms of one version of a product, as a match was made from them.</summary>
public sealed record ProductVersionDto(
    Guid ProductId,
    int Version,
    string Name,
    decimal MinAmount,
    decimal MaxAmount,
    int MinTermMonths,
    int MaxTermMonths,
    decimal MinAnnualRate,
    decimal MaxAnnualRate,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    DateTimeOffset CreatedAt
);
