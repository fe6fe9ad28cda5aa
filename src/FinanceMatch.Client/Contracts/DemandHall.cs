namespace FinanceMatch.Client.Contracts;

/// <summary>What a loan is for, as a category: all the demand hall shows of a request's purpose.</summary>
public enum PurposeCategory
{
    /// <summary>Day-to-day running costs, stock, wages.</summary>
    WorkingCapital,

    /// <summary>Machines and vehicles.</summary>
    Equipment,

    /// <summary>New premises, lines or markets.</summary>
    Expansion,

    /// <summary>Orders, import and export.</summary>
    Trade,

    /// <summary>Research and development.</summary>
    ResearchAndDevelopment,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>Where a bank's interest in a demand-hall request is.</summary>
public enum InterestStatus
{
    /// <summary>The firm has not answered.</summary>
    Open,

    /// <summary>The firm confirmed: the match exists and the request's consent covers the bank.</summary>
    Confirmed,
}

/// <summary>
/// A request of the demand hall as banks see it: anonymised. The amount to two significant figures, the week it was
/// posted, and the division (a city, or its province), industry section and grade band only as far as at least five
/// verified firms share them (null where fewer would).
/// </summary>
/// <param name="Id">The entry's hall id: a random UUID, not the loan request's id; use it to express interest.</param>
/// <param name="Amount">The amount asked, in yuan (CNY), rounded to two significant figures.</param>
/// <param name="TermMonths">The term asked, in months.</param>
/// <param name="PurposeCategory">What the loan is for, as a category.</param>
/// <param name="GuaranteeTypes">The securities the firm can offer.</param>
/// <param name="Division">The firm's city (six digits ending in <c>00</c>) or province (ending in <c>0000</c>) as a
/// GB/T 2260 code; null where fewer than five verified firms would share it.</param>
/// <param name="IndustrySection">The firm's GB/T 4754 industry section letter, e.g. <c>C</c>; null where fewer than
/// five verified firms would share it.</param>
/// <param name="GradeBand">The firm's grade as a band: <c>A</c> (AAA to A), <c>B</c> (BBB to B), <c>C</c> or
/// <c>unrated</c>; null where fewer than five verified firms would share it.</param>
/// <param name="PostedWeek">The Monday of the week the request was posted, <c>YYYY-MM-DD</c>.</param>
/// <param name="Interested">Whether the calling bank has already expressed interest in it.</param>
public sealed record DemandHallEntryDto(
    Guid Id,
    decimal Amount,
    int TermMonths,
    PurposeCategory PurposeCategory,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    string? Division,
    string? IndustrySection,
    string? GradeBand,
    DateOnly PostedWeek,
    bool Interested
);

/// <summary>Body of <c>POST /api/v1/demand-hall/{id}/interest</c>: the bank's published product it would lend under.</summary>
/// <param name="ProductId">One of the calling bank's own published products (422 otherwise).</param>
/// <param name="Note">A message to the firm, at most 1,000 characters; optional.</param>
public sealed record ExpressInterestBody(Guid ProductId, string? Note = null);

/// <summary>A bank's interest in a request, as the firm (and the bank) see it: the request by its hall id (<c>entryId</c>).</summary>
/// <param name="Id">The interest id (UUID), which the firm confirms.</param>
/// <param name="EntryId">The request's hall id.</param>
/// <param name="InstitutionId">The interested bank.</param>
/// <param name="InstitutionName">The bank's name.</param>
/// <param name="ProductId">The product the bank would lend under.</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="MinAnnualRate">The product's lowest annual interest rate in percent (list price), e.g.
/// <c>3.85</c>.</param>
/// <param name="MaxAnnualRate">The product's highest annual interest rate in percent (list price), e.g.
/// <c>6.5</c>.</param>
/// <param name="Note">The bank's message to the firm; null when none.</param>
/// <param name="Status">Whether the firm has confirmed.</param>
/// <param name="CreatedAt">When the bank first expressed interest (ISO 8601, UTC).</param>
/// <param name="MatchId">The match the firm's confirmation made; null until confirmed.</param>
public sealed record DemandHallInterestDto(
    Guid Id,
    Guid EntryId,
    Guid InstitutionId,
    string InstitutionName,
    Guid ProductId,
    string ProductName,
    decimal MinAnnualRate,
    decimal MaxAnnualRate,
    string? Note,
    InterestStatus Status,
    DateTimeOffset CreatedAt,
    Guid? MatchId
);
