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
/// <param name="Name">The product's name, 1 to 200 characters.</param>
/// <param name="Description">What the product offers, at most 2000 characters; null for none.</param>
/// <param name="CoverageRatio">Share of the bank's loss the guarantor bears, above 0 and at most 1 with up to 4 decimals (0.8 for 80%).</param>
/// <param name="AnnualFeeRate">Annual fee in percent of the guaranteed principal, from 0 to 10 with up to 4 decimals (1 for 1% a year).</param>
/// <param name="MinAmount">Smallest loan covered, in yuan (CNY), above 0 with at most 2 decimals.</param>
/// <param name="MaxAmount">Largest loan covered, in yuan (CNY), at least <c>minAmount</c>.</param>
/// <param name="Capacity">Total principal the product's guarantees may hold at once, in yuan (CNY), above 0.</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes of 2 to 6 digits (44, 4406); the firm's division code must start with one. At most 100; null or empty admits any.</param>
/// <param name="IndustryPrefixes">GB/T 4754 industry prefixes, a section letter and up to two digits (C, C39); the firm's industry code must start with one. At most 100; null or empty admits any.</param>
/// <param name="Eligibility">Rules the firm must pass, as for loan products (its <c>lists</c> is ignored); null keeps only the default exclusion of dishonest debtors.</param>
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
/// <param name="Id">The guarantee product's id (UUID).</param>
/// <param name="InstitutionId">The guarantor or insurer offering it (UUID).</param>
/// <param name="Name">The product's name.</param>
/// <param name="Description">What the product offers; empty when none was given.</param>
/// <param name="CoverageRatio">Share of the bank's loss the guarantor bears, above 0 and at most 1 (0.8 for 80%).</param>
/// <param name="AnnualFeeRate">Annual fee in percent of the guaranteed principal, from 0 to 10 (1 for 1% a year).</param>
/// <param name="MinAmount">Smallest loan covered, in yuan (CNY).</param>
/// <param name="MaxAmount">Largest loan covered, in yuan (CNY).</param>
/// <param name="Capacity">Total principal the product's guarantees may hold at once, in yuan (CNY).</param>
/// <param name="DivisionPrefixes">GB/T 2260 division prefixes the firm's division code must start with one of; empty admits any.</param>
/// <param name="IndustryPrefixes">GB/T 4754 industry prefixes (upper case) the firm's industry code must start with one of; empty admits any.</param>
/// <param name="Eligibility">Rules the firm must pass, as for loan products.</param>
/// <param name="Status">Whether the product is a draft, published or withdrawn.</param>
/// <param name="CreatedAt">When the product was created (ISO 8601, UTC).</param>
/// <param name="PublishedAt">When it was last published (ISO 8601, UTC); null if never.</param>
/// <param name="Committed">Principal its approved and running guarantees hold of the capacity, in yuan (CNY); null for anyone but its institution and operators.</param>
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
/// <param name="Id">The guarantee's id (UUID).</param>
/// <param name="LoanRequestId">The loan request it covers (UUID); a request has at most one guarantee.</param>
/// <param name="EnterpriseId">The firm that asked for the loan (UUID).</param>
/// <param name="GuaranteeProductId">The guarantee product that covers it (UUID).</param>
/// <param name="InstitutionId">The guarantor or insurer (UUID).</param>
/// <param name="CoverageRatio">Share of the bank's loss the guarantor bears, as the product stated it at matching (0.8 for 80%).</param>
/// <param name="AnnualFeeRate">Annual fee in percent of the guaranteed principal, as the product stated it at matching.</param>
/// <param name="Amount">Principal asked to be guaranteed: the request's amount, in yuan (CNY).</param>
/// <param name="TermMonths">The request's term, in months.</param>
/// <param name="Status">Where the guarantee is.</param>
/// <param name="Committed">What it holds of the product's capacity, in yuan (CNY): the amount once approved, the principal paid out once active, otherwise 0.</param>
/// <param name="DeclineReason">Why the guarantor declined; null unless declined.</param>
/// <param name="LoanId">The loan it covers (UUID, the same as the loan's match id); null until the loan is paid out.</param>
/// <param name="ClaimedLoss">The loss the bank claimed, in yuan (CNY); null until claimed.</param>
/// <param name="ClaimAmount">What the guarantor owes on the claim, in yuan (CNY): the covered share of the loss (at most what the guarantee held), rounded down to the fen; null until claimed.</param>
/// <param name="ClaimNote">The guarantor's note on paying or rejecting the claim; null when none.</param>
/// <param name="CreatedAt">When matching offered the guarantee (ISO 8601, UTC).</param>
/// <param name="DecidedAt">When the guarantor approved or declined it (ISO 8601, UTC); null before.</param>
/// <param name="ClaimedAt">When the bank claimed on it (ISO 8601, UTC); null if never.</param>
/// <param name="ClaimDecidedAt">When the guarantor paid or rejected the claim (ISO 8601, UTC); null before.</param>
/// <param name="UpdatedAt">When its status last changed (ISO 8601, UTC).</param>
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
/// <param name="GuaranteeId">The guarantee the match relies on (UUID).</param>
/// <param name="InstitutionId">The guarantor or insurer (UUID).</param>
/// <param name="CoverageRatio">Share of the bank's loss the guarantor bears (0.8 for 80%).</param>
/// <param name="AnnualFeeRate">Annual fee in percent of the guaranteed principal (1 for 1% a year).</param>
public sealed record MatchGuaranteeDto(
    Guid GuaranteeId,
    Guid InstitutionId,
    decimal CoverageRatio,
    decimal AnnualFeeRate
);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/decline</c>: why the guarantor will not cover the loan.</summary>
/// <param name="Reason">Why the guarantor declines, 1 to 1000 characters.</param>
public sealed record DeclineGuaranteeBody(string Reason);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/claim</c>: the bank's loss on the defaulted loan.</summary>
/// <param name="Loss">The bank's loss, in yuan (CNY), above 0 with at most 2 decimals and at most the principal outstanding last reported.</param>
public sealed record ClaimGuaranteeBody(decimal Loss);

/// <summary>Body of <c>POST /api/v1/guarantees/{id}/pay</c> (note optional) and <c>/reject-claim</c> (note required).</summary>
/// <param name="Note">The guarantor's note on the decision, at most 1000 characters; required to reject.</param>
public sealed record DecideGuaranteeClaimBody(string? Note);
