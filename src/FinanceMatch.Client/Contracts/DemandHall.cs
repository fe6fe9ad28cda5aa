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
public sealed record ExpressInterestBody(Guid ProductId, string? Note = null);

/// <summary>A bank's interest in a request, as the firm (and the bank) see it: the request by its hall id (<c>entryId</c>).</summary>
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
