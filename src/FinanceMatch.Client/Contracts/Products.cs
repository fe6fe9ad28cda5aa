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
/// <param name="Include">Prefixes, a section letter and up to two digits (C, C39), the firm's industry code must start with one of; null or empty admits any.</param>
/// <param name="Exclude">Prefixes the firm's industry code must start with none of; null or empty shuts out none.</param>
public sealed record IndustryPrefixes(IReadOnlyList<string>? Include, IReadOnlyList<string>? Exclude);

/// <summary>Who a product is for; every field that is set is a rule the firm must pass.</summary>
/// <param name="MinGrade">Lowest credit grade admitted: AAA, AA, A, BBB, BB, B or C (best to worst); an unrated firm fails. Null for no rule.</param>
/// <param name="MinScore">Lowest credit score admitted, 0 to 1000; an unrated firm fails. Null for no rule.</param>
/// <param name="MinYearsInOperation">Fewest years since the firm was established, 0 to 200, fractions allowed. Null for no rule.</param>
/// <param name="MinAnnualTaxPaid">Least tax paid over the last 12 whole calendar months, in yuan (CNY) with at most 2 decimals. Null for no rule.</param>
/// <param name="MinInsuredEmployees">Fewest employees insured in the latest social-security data, 0 to 1000000. Null for no rule.</param>
/// <param name="ExcludeDishonestDebtors">Whether a firm with an open dishonest-debtor record is shut out; null in a request body means true.</param>
/// <param name="ExcludeSeriousPenaltiesMonths">Months, 1 to 120, within which a serious unrevoked penalty shuts the firm out. Null for no rule.</param>
/// <param name="Lists">Lists (UUIDs) the firm must be on one of, at most 20, each shared with the bank; null or empty admits any firm. Guarantee products ignore it.</param>
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
/// <param name="Lists">Lists (UUIDs) whose firms get the discount, 1 to 20, each shared with the bank.</param>
/// <param name="RateDiscount">Percentage points off the annual rate (0.5 turns 4.35 into 3.85), above 0 with up to 4 decimals and below <c>minAnnualRate</c>.</param>
public sealed record ListTermsDto(IReadOnlyList<Guid> Lists, decimal RateDiscount);

/// <summary>Body of <c>POST /api/v1/products</c> and <c>PUT /api/v1/products/{id}</c>: all of a product's terms.</summary>
/// <param name="Name">The product's name, 1 to 200 characters.</param>
/// <param name="Description">What the product offers, at most 4000 characters; may be empty.</param>
/// <param name="MinAmount">Smallest loan, in yuan (CNY), above 0 with at most 2 decimals.</param>
/// <param name="MaxAmount">Largest loan, in yuan (CNY), at least <c>minAmount</c>.</param>
/// <param name="MinTermMonths">Shortest term in months, 1 to 360.</param>
/// <param name="MaxTermMonths">Longest term in months, 1 to 360 and at least <c>minTermMonths</c>.</param>
/// <param name="MinAnnualRate">Lowest annual interest rate in percent (3.85 for 3.85%), above 0 and at most 36 with up to 4 decimals.</param>
/// <param name="MaxAnnualRate">Highest annual interest rate in percent, at most 36 and at least <c>minAnnualRate</c>.</param>
/// <param name="GuaranteeTypes">The securities the product accepts, at least one; a request matches when it offers one of them.</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes of 2 to 6 digits (44, 4406) the firm's division code must start with one of, at most 100; null or empty admits any.</param>
/// <param name="IndustryPrefixes">Industry prefixes the firm must match or avoid; null for no rule.</param>
/// <param name="Eligibility">Rules the firm must pass; null keeps only the default exclusion of dishonest debtors.</param>
/// <param name="Tags">Free labels for the catalogue, at most 20 of 1 to 50 characters each; null for none.</param>
/// <param name="ListTerms">A rate discount for firms on named lists; null for none.</param>
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
/// <param name="Id">The product's id (UUID).</param>
/// <param name="InstitutionId">The bank offering it (UUID).</param>
/// <param name="Version">The version of its terms, from 1; every edit makes a new one, and matches keep the version they were made from.</param>
/// <param name="Status">Whether it is a draft, published or withdrawn.</param>
/// <param name="Name">The product's name.</param>
/// <param name="Description">What the product offers; empty when none was given.</param>
/// <param name="MinAmount">Smallest loan, in yuan (CNY).</param>
/// <param name="MaxAmount">Largest loan, in yuan (CNY).</param>
/// <param name="MinTermMonths">Shortest term, in months.</param>
/// <param name="MaxTermMonths">Longest term, in months.</param>
/// <param name="MinAnnualRate">Lowest annual interest rate, in percent (3.85 for 3.85%).</param>
/// <param name="MaxAnnualRate">Highest annual interest rate, in percent.</param>
/// <param name="GuaranteeTypes">The securities the product accepts.</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes the firm's division code must start with one of; empty admits any.</param>
/// <param name="IndustryPrefixes">Industry prefixes the firm must match or avoid (upper case).</param>
/// <param name="Eligibility">Rules the firm must pass.</param>
/// <param name="Tags">Free labels for the catalogue, sorted.</param>
/// <param name="CreatedAt">When the product was created (ISO 8601, UTC).</param>
/// <param name="UpdatedAt">When its terms or status last changed (ISO 8601, UTC).</param>
/// <param name="PublishedAt">When it was last published (ISO 8601, UTC); null if never.</param>
/// <param name="FitScore">How well it fits the firm, 0 to 100 with a loan asked for and 0 to 60 without; null outside <c>eligibleFor=me</c>.</param>
/// <param name="ListTerms">The rate discount for firms on named lists; null for none.</param>
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
/// <param name="ProductId">The product's id (UUID).</param>
/// <param name="Version">The version number, from 1.</param>
/// <param name="Name">The product's name in this version.</param>
/// <param name="MinAmount">Smallest loan, in yuan (CNY).</param>
/// <param name="MaxAmount">Largest loan, in yuan (CNY).</param>
/// <param name="MinTermMonths">Shortest term, in months.</param>
/// <param name="MaxTermMonths">Longest term, in months.</param>
/// <param name="MinAnnualRate">Lowest annual interest rate, in percent (3.85 for 3.85%).</param>
/// <param name="MaxAnnualRate">Highest annual interest rate, in percent.</param>
/// <param name="GuaranteeTypes">The securities this version accepts.</param>
/// <param name="CreatedAt">When this version was made (ISO 8601, UTC).</param>
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
