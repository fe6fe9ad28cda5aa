namespace FinanceMatch.Client.Contracts;

/// <summary>The kinds of government data feed.</summary>
public enum FeedType
{
    /// <summary>Monthly tax paid, taxable revenue and arrears.</summary>
    Tax,

    /// <summary>Monthly insured employees and contributions.</summary>
    SocialSecurity,

    /// <summary>Monthly electricity, water and gas use and billing.</summary>
    Utility,

    /// <summary>Administrative penalty decisions.</summary>
    Penalty,

    /// <summary>Court enforcement cases and dishonest-debtor listings.</summary>
    Judicial,

    /// <summary>Monthly housing provident fund contributors, amounts paid and arrears.</summary>
    HousingFund,

    /// <summary>Patents and trademarks granted, and their status.</summary>
    IntellectualProperty,

    /// <summary>Mortgage registrations and seizures of real estate, and their release.</summary>
    RealEstate,

    /// <summary>A-level taxpayer ratings, 专精特新 designations and awards.</summary>
    Honour,

    /// <summary>
    /// The market regulator's registration facts (name, legal representative, established on, registered capital, status) and its
    /// abnormal-operation and serious-violation listings.
    /// </summary>
    Registration,

    /// <summary>A bank's monthly report of its own loans (pushed by banks, never by departments).</summary>
    LoanPerformance,

    /// <summary>The members of a department's list, uploaded to the list (<c>POST /api/v1/lists/{id}/members</c>).</summary>
    ListMembers,
}

/// <summary>Body of <c>POST /api/v1/departments</c>.</summary>
public sealed record CreateDepartmentBody(string Name, string Code, IReadOnlyList<FeedType> FeedTypes);

/// <summary>A government department and the feed types it may push.</summary>
public sealed record DepartmentDto(
    Guid Id,
    string Name,
    string Code,
    IReadOnlyList<FeedType> FeedTypes,
    DateTimeOffset CreatedAt
);

/// <summary>A newly onboarded department with its credentials (the secret is shown only here; an idempotent replay omits it).</summary>
public sealed record CreatedDepartment(
    Guid Id,
    string Name,
    string Code,
    IReadOnlyList<FeedType> FeedTypes,
    DateTimeOffset CreatedAt,
    string ClientId,
    string? ClientSecret
);

/// <summary>Body of <c>POST /api/v1/departments/{id}/transfer-records</c>: the successor and why (a merger of offices).</summary>
public sealed record TransferRecordsBody(Guid ToDepartmentId, string Note);

/// <summary>How many records of each feed type passed from one department to its successor.</summary>
public sealed record RecordTransferDto(
    Guid FromDepartmentId,
    Guid ToDepartmentId,
    IReadOnlyDictionary<string, int> Records
);

/// <summary>A data-quality rule and how many records in the report's scope fail it now.</summary>
public sealed record QualityRuleDto(string Code, FeedType FeedType, string Description, long Failing);

/// <summary>A record that fails a rule (its record key as in objections and reports), found by the last check of its firm.</summary>
public sealed record QualityFindingDto(
    string Rule,
    FeedType FeedType,
    Guid DepartmentId,
    string Uscc,
    string RecordKey,
    string Detail,
    DateTimeOffset FoundAt
);

/// <summary>
/// The quality report of a department's records (<c>departmentId</c>), or of the platform (null, operators): every rule
/// with its count, and a page of the failing records.
/// </summary>
public sealed record QualityReportDto(
    Guid? DepartmentId,
    IReadOnlyList<QualityRuleDto> Rules,
    Paged<QualityFindingDto> Findings
);
