namespace FinanceMatch.Client.Contracts;

/// <summary>Parts of a firm's report a consent opens.</summary>
public enum ConsentScope
{
    /// <summary>The credit profile.</summary>
    Profile,

    /// <summary>Tax records.</summary>
    Tax,

    /// <summary>Social-security records.</summary>
    SocialSecurity,

    /// <summary>Utility records.</summary>
    Utility,

    /// <summary>Administrative penalties.</summary>
    Penalty,

    /// <summary>Court records.</summary>
    Judicial,

    /// <summary>Housing provident fund records.</summary>
    HousingFund,

    /// <summary>Patents and trademarks.</summary>
    IntellectualProperty,

    /// <summary>Mortgages and seizures of real estate.</summary>
    RealEstate,

    /// <summary>Honours: A-level taxpayer, 专精特新 designations, awards.</summary>
    Honour,

    /// <summary>The market regulator's registration facts and listings.</summary>
    Registration,
}

/// <summary>What a consent may be used for.</summary>
public enum ConsentPurpose
{
    /// <summary>Deciding on a loan.</summary>
    LoanAssessment,

    /// <summary>Watching a loan after it is made (the bank also receives risk alerts).</summary>
    PostLoanMonitoring,
}

/// <summary>Whether a consent is in force.</summary>
public enum ConsentStatus
{
    /// <summary>In force.</summary>
    Active,

    /// <summary>Withdrawn by the firm.</summary>
    Revoked,

    /// <summary>Past its expiry.</summary>
    Expired,
}

/// <summary>Body of <c>POST /api/v1/enterprises/{id}/consents</c>: one of institutionId or loanRequestId.</summary>
/// <param name="InstitutionId">The institution allowed to read the report (UUID); give exactly one of this and <c>loanRequestId</c>.</param>
/// <param name="LoanRequestId">One of the firm's own loan requests (UUID): the consent covers the banks matched to it and its guarantor while in play.</param>
/// <param name="Scopes">The parts of the report opened, at least one; repeats are dropped.</param>
/// <param name="Purpose">What the reads may be used for.</param>
/// <param name="ExpiresAt">When the consent ends (ISO 8601, UTC): in the future and at most 365 days ahead.</param>
public sealed record GrantConsentBody(
    Guid? InstitutionId,
    Guid? LoanRequestId,
    IReadOnlyList<ConsentScope> Scopes,
    ConsentPurpose Purpose,
    DateTimeOffset ExpiresAt
);

/// <summary>A consent.</summary>
/// <param name="Id">The consent's id (UUID).</param>
/// <param name="EnterpriseId">The firm that granted it (UUID).</param>
/// <param name="InstitutionId">The institution it names (UUID); null when it names a loan request.</param>
/// <param name="LoanRequestId">The loan request whose matched banks it covers (UUID); null when it names an institution.</param>
/// <param name="Scopes">The parts of the report it opens.</param>
/// <param name="Purpose">What the reads may be used for.</param>
/// <param name="ExpiresAt">When it ends (ISO 8601, UTC).</param>
/// <param name="Status">Whether it is in force, as of the read: revoked, else expired once <c>expiresAt</c> has passed, else active.</param>
/// <param name="CreatedAt">When it was granted (ISO 8601, UTC).</param>
/// <param name="RevokedAt">When the firm revoked it (ISO 8601, UTC); null unless revoked.</param>
public sealed record ConsentDto(
    Guid Id,
    Guid EnterpriseId,
    Guid? InstitutionId,
    Guid? LoanRequestId,
    IReadOnlyList<ConsentScope> Scopes,
    ConsentPurpose Purpose,
    DateTimeOffset ExpiresAt,
    ConsentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt
);

/// <summary>Kinds of post-loan risk alert.</summary>
public enum AlertKind
{
    /// <summary>The grade fell two or more notches.</summary>
    GradeDowngrade,

    /// <summary>A new open dishonest-debtor record.</summary>
    DishonestDebtor,

    /// <summary>A new serious administrative penalty.</summary>
    SeriousPenalty,

    /// <summary>New tax, social-security or utility arrears.</summary>
    NewArrears,

    /// <summary>Insured employees down 30% or more over 6 months.</summary>
    EmployeesDecline,

    /// <summary>The market regulator reports the firm abnormal, revoked or deregistered, or lists it (abnormal operation, serious violations).</summary>
    RegistrationAbnormal,
}

/// <summary>A risk alert about a firm the bank follows.</summary>
/// <param name="Id">The alert's id (UUID).</param>
/// <param name="EnterpriseId">The firm the alert is about (UUID).</param>
/// <param name="Kind">What the rebuild of the firm's profile found.</param>
/// <param name="Detail">A readable explanation, at most 500 characters.</param>
/// <param name="RaisedAt">When the alert was raised (ISO 8601, UTC).</param>
public sealed record AlertDto(Guid Id, Guid EnterpriseId, AlertKind Kind, string Detail, DateTimeOffset RaisedAt);
