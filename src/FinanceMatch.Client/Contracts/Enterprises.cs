namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/enterprises</c>: a firm registers itself.</summary>
/// <param name="Uscc">The firm's 18-character unified social credit code, with a valid check character (400 otherwise);
/// trimmed and upper-cased.</param>
/// <param name="Name">The firm's registered name, 1 to 200 characters.</param>
/// <param name="LegalRepresentative">The legal representative's name, 1 to 100 characters.</param>
/// <param name="DivisionCode">Where the firm is registered: a six-digit GB/T 2260 administrative division code, e.g.
/// <c>440606</c>.</param>
/// <param name="IndustryCode">The firm's GB/T 4754 industry division: a section letter and two digits, e.g.
/// <c>C39</c>.</param>
/// <param name="EstablishedOn">The founding date, <c>YYYY-MM-DD</c>: not before 1900-01-01 and not in the
/// future.</param>
/// <param name="RegisteredCapital">Registered capital in yuan (CNY), above 0, at most two decimals.</param>
/// <param name="Employees">Number of employees, 0 to 1,000,000; null when not given.</param>
public sealed record RegisterEnterpriseBody(
    string Uscc,
    string Name,
    string LegalRepresentative,
    string DivisionCode,
    string IndustryCode,
    DateOnly EstablishedOn,
    decimal RegisteredCapital,
    int? Employees = null
);

/// <summary>Where a firm's registration stands: only a verified registration reaches the firm's data.</summary>
public enum EnterpriseVerification
{
    /// <summary>Registered; the claimant has not yet proved it controls the firm.</summary>
    Pending,

    /// <summary>Proved; this registration holds the USCC.</summary>
    Verified,

    /// <summary>Refused by an operator, or another claim of the same USCC was verified first.</summary>
    Rejected,
}

/// <summary>How a registration was verified.</summary>
public enum VerificationMethod
{
    /// <summary>A signed assertion from the e-business-licence service.</summary>
    BusinessLicence,

    /// <summary>An operator checked the documents.</summary>
    OperatorReview,
}

/// <summary>A registered firm.</summary>
/// <remarks>
/// Verification: pending, verified or rejected. <br/>
/// VerifiedAt: When it was verified. <br/>
/// VerificationMethod: How it was verified. <br/>
/// VerificationDecidedAt: When it was verified or rejected. <br/>
/// VerificationNote: The operator's note on the decision, or why the claim was rejected. <br/>
/// VerificationDecidedBy: Who decided (operators only): an operator's client id or the licence issuer. <br/>
/// FactsSource: <c>marketRegulator</c> when the name, legal representative, established on and registered capital shown
/// are the market regulator's (its registration feed overrides what the firm typed, for a verified firm), else
/// <c>declared</c>. <br/>
/// RegistrationStatus: The regulator's status (active, abnormal, revoked, deregistered), null without its record. <br/>
/// Declared: What the firm typed when it registered.
/// </remarks>
/// <param name="Id">The enterprise id (UUID).</param>
/// <param name="Uscc">The firm's 18-character unified social credit code.</param>
/// <param name="Name">The firm's name: the market regulator's for a verified firm it has reported, else as the firm
/// typed it.</param>
/// <param name="LegalRepresentative">The legal representative: the market regulator's for a verified firm it has
/// reported, else as typed.</param>
/// <param name="DivisionCode">The six-digit GB/T 2260 division code the firm registered with.</param>
/// <param name="IndustryCode">The GB/T 4754 industry division the firm registered with, e.g. <c>C39</c>.</param>
/// <param name="EstablishedOn">The founding date, <c>YYYY-MM-DD</c>: the market regulator's for a verified firm it has
/// reported, else as typed.</param>
/// <param name="RegisteredCapital">Registered capital in yuan (CNY): the market regulator's for a verified firm it has
/// reported, else as typed.</param>
/// <param name="Employees">Number of employees as the firm declared it; null when not given.</param>
/// <param name="RegisteredAt">When the firm registered on the platform (ISO 8601, UTC).</param>
/// <param name="Verification">Whether the registration is pending, verified or rejected.</param>
/// <param name="VerifiedAt">When it was verified (ISO 8601, UTC); null unless verified.</param>
/// <param name="VerificationMethod">How it was verified; null unless verified.</param>
/// <param name="VerificationDecidedAt">When it was verified or rejected (ISO 8601, UTC); null while pending.</param>
/// <param name="VerificationNote">The operator's note on the decision, or why the claim was rejected; shown to the firm
/// itself and operators, null for anyone else.</param>
/// <param name="VerificationDecidedBy">Who decided: an operator's client id or the licence issuer; shown to operators
/// only, null for anyone else.</param>
/// <param name="FactsSource"><c>marketRegulator</c> when the name, legal representative, established on and registered
/// capital are the market regulator's, else <c>declared</c> (always <c>declared</c> for a bank).</param>
/// <param name="RegistrationStatus">The market regulator's status of the firm: <c>active</c>, <c>abnormal</c>,
/// <c>revoked</c> or <c>deregistered</c>; null without its record, and always null for a bank.</param>
/// <param name="Declared">What the firm typed when it registered, kept beside the regulator's facts shown
/// above.</param>
public sealed record EnterpriseDto(
    Guid Id,
    string Uscc,
    string Name,
    string LegalRepresentative,
    string DivisionCode,
    string IndustryCode,
    DateOnly EstablishedOn,
    decimal RegisteredCapital,
    int? Employees,
    DateTimeOffset RegisteredAt,
    EnterpriseVerification Verification,
    DateTimeOffset? VerifiedAt = null,
    VerificationMethod? VerificationMethod = null,
    DateTimeOffset? VerificationDecidedAt = null,
    string? VerificationNote = null,
    string? VerificationDecidedBy = null,
    string FactsSource = "declared",
    string? RegistrationStatus = null,
    DeclaredFactsDto? Declared = null
);

/// <summary>What the firm typed when it registered on the platform, kept beside the market regulator's facts that override it.</summary>
/// <param name="Name">The name the firm typed.</param>
/// <param name="LegalRepresentative">The legal representative the firm typed.</param>
/// <param name="EstablishedOn">The founding date the firm typed, <c>YYYY-MM-DD</c>.</param>
/// <param name="RegisteredCapital">The registered capital the firm typed, in yuan (CNY).</param>
public sealed record DeclaredFactsDto(
    string Name,
    string LegalRepresentative,
    DateOnly EstablishedOn,
    decimal RegisteredCapital
);

/// <summary>Body of <c>POST /api/v1/enterprises/{id}/verification</c>: the firm proves it controls the firm.</summary>
/// <param name="Method">businessLicence (operatorReview is an operator's decision, not a firm's call).</param>
/// <param name="Assertion">The compact JWS from the e-business-licence service, at most 16,384 characters.</param>
public sealed record SubmitVerificationBody(VerificationMethod Method, string? Assertion);

/// <summary>Body of <c>POST /api/v1/enterprises/{id}/verify</c> and <c>/reject</c>: an operator's decision and why.</summary>
/// <param name="Note">Why the operator decided so, 1 to 2,000 characters; kept with the decision and shown to the
/// firm.</param>
public sealed record VerificationDecisionBody(string Note);

/// <summary>
/// A newly registered firm (pending until verified) with its credentials. The secret is shown only here: an idempotent
/// replay of the registration returns the firm without it.
/// </summary>
/// <param name="Id">The new enterprise id (UUID).</param>
/// <param name="Uscc">The firm's 18-character unified social credit code, upper-cased.</param>
/// <param name="Name">The firm's name as typed.</param>
/// <param name="LegalRepresentative">The legal representative as typed.</param>
/// <param name="DivisionCode">The six-digit GB/T 2260 division code.</param>
/// <param name="IndustryCode">The GB/T 4754 industry division, e.g. <c>C39</c>.</param>
/// <param name="EstablishedOn">The founding date, <c>YYYY-MM-DD</c>.</param>
/// <param name="RegisteredCapital">Registered capital in yuan (CNY).</param>
/// <param name="Employees">Number of employees; null when not given.</param>
/// <param name="RegisteredAt">When the firm registered (ISO 8601, UTC).</param>
/// <param name="Verification"><c>pending</c> for a new registration, until the firm proves it controls the
/// firm.</param>
/// <param name="ClientId">The client id the firm signs in with at <c>POST /api/v1/auth/token</c>.</param>
/// <param name="ClientSecret">The client secret, shown only in this answer; null on an idempotent replay.</param>
public sealed record RegisteredEnterprise(
    Guid Id,
    string Uscc,
    string Name,
    string LegalRepresentative,
    string DivisionCode,
    string IndustryCode,
    DateOnly EstablishedOn,
    decimal RegisteredCapital,
    int? Employees,
    DateTimeOffset RegisteredAt,
    EnterpriseVerification Verification,
    string ClientId,
    string? ClientSecret
);
