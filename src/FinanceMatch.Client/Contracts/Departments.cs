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
/// <param name="Name">The department's name, 1 to 200 characters.</param>
/// <param name="Code">A short unique code, 1 to 32 letters, digits, hyphens and underscores, starting with a letter or
/// digit; stored upper-cased (a duplicate is 409).</param>
/// <param name="FeedTypes">The feed types the department may push, at least one; never <c>loanPerformance</c> or
/// <c>listMembers</c>.</param>
public sealed record CreateDepartmentBody(string Name, string Code, IReadOnlyList<FeedType> FeedTypes);

/// <summary>A government department and the feed types it may push.</summary>
/// <param name="Id">The department id (UUID).</param>
/// <param name="Name">The department's name.</param>
/// <param name="Code">Its unique code, upper-case.</param>
/// <param name="FeedTypes">The feed types it may push.</param>
/// <param name="CreatedAt">When it was onboarded (ISO 8601, UTC).</param>
public sealed record DepartmentDto(
    Guid Id,
    string Name,
    string Code,
    IReadOnlyList<FeedType> FeedTypes,
    DateTimeOffset CreatedAt
);

/// <summary>A newly onboarded department with its credentials (the secret is shown only here; an idempotent replay omits it).</summary>
/// <param name="Id">The new department id (UUID).</param>
/// <param name="Name">The department's name.</param>
/// <param name="Code">Its unique code, upper-case.</param>
/// <param name="FeedTypes">The feed types it may push.</param>
/// <param name="CreatedAt">When it was onboarded (ISO 8601, UTC).</param>
/// <param name="ClientId">The client id the department signs in with at <c>POST /api/v1/auth/token</c>.</param>
/// <param name="ClientSecret">The client secret, shown only in this answer; null on an idempotent replay.</param>
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
/// <param name="ToDepartmentId">The successor department: another department, which must be allowed to push every feed
/// type moved (422 otherwise).</param>
/// <param name="Note">Why the records move, 1 to 2,000 characters; kept in the security log.</param>
public sealed record TransferRecordsBody(Guid ToDepartmentId, string Note);

/// <summary>How many records of each feed type passed from one department to its successor.</summary>
/// <param name="FromDepartmentId">The department the records left.</param>
/// <param name="ToDepartmentId">The successor that now holds them.</param>
/// <param name="Records">How many records moved, keyed by feed type name (e.g. <c>tax</c>).</param>
public sealed record RecordTransferDto(
    Guid FromDepartmentId,
    Guid ToDepartmentId,
    IReadOnlyDictionary<string, int> Records
);

/// <summary>A data-quality rule and how many records in the report's scope fail it now.</summary>
/// <param name="Code">The rule's code, e.g. <c>tax.revenueWithoutTax</c>; the <c>rule</c> filter takes it.</param>
/// <param name="FeedType">The feed whose records the rule checks.</param>
/// <param name="Description">What the rule catches, in plain words.</param>
/// <param name="Failing">How many records in the report's scope fail the rule now.</param>
public sealed record QualityRuleDto(string Code, FeedType FeedType, string Description, long Failing);

/// <summary>A record that fails a rule (its record key as in objections and reports), found by the last check of its firm.</summary>
/// <param name="Rule">The code of the rule the record fails.</param>
/// <param name="FeedType">The feed the record belongs to.</param>
/// <param name="DepartmentId">The department that supplied the record.</param>
/// <param name="Uscc">The firm's 18-character unified social credit code.</param>
/// <param name="RecordKey">The record's natural key without the USCC, as in objections, e.g. <c>2025-06</c> for a tax
/// month.</param>
/// <param name="Detail">What is wrong with this record (at most 500 characters).</param>
/// <param name="FoundAt">When the check that found it ran (ISO 8601, UTC).</param>
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
/// <param name="DepartmentId">The department whose records the report covers; null for the whole platform (operators
/// only).</param>
/// <param name="Rules">Every quality rule with how many records in scope fail it.</param>
/// <param name="Findings">One page of the failing records, by rule, USCC and record key; filtered by <c>rule</c> when
/// given.</param>
public sealed record QualityReportDto(
    Guid? DepartmentId,
    IReadOnlyList<QualityRuleDto> Rules,
    Paged<QualityFindingDto> Findings
);
