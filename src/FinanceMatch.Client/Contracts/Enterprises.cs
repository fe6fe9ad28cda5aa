namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/enterprises</c>: a firm registers itself.</summary>
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
public sealed record DeclaredFactsDto(
    string Name,
    string LegalRepresentative,
    DateOnly EstablishedOn,
    decimal RegisteredCapital
);

/// <summary>Body of <c>POST /api/v1/enterprises/{id}/verification</c>: the firm proves it controls the firm.</summary>
/// <param name="Method">businessLicence (operatorReview is an operator's decision, not a firm's call).</param>
/// <param name="Assertion">The compact JWS from the e-business-licence service.</param>
public sealed record SubmitVerificationBody(VerificationMethod Method, string? Assertion);

/// <summary>Body of <c>POST /api/v1/enterprises/{id}/verify</c> and <c>/reject</c>: an operator's decision and why.</summary>
public sealed record VerificationDecisionBody(string Note);

/// <summary>
/// A newly registered firm (pending until verified) with its credentials. The secret is shown only here: an idempotent
/// replay of the registration returns the firm without it.
/// </summary>
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
