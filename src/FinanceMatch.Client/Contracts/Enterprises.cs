namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/enterprises</c>: a firm registers itself.</summary>
public sealed record RegisterEnterpriseRequest(
    string Uscc,
    string Name,
    string LegalRepresentative,
    string DivisionCode,
    string IndustryCode,
    DateOnly EstablishedOn,
    decimal RegisteredCapital,
    int? Employees = null);

/// <summary>A registered firm.</summary>
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
    DateTimeOffset RegisteredAt);

/// <summary>A newly registered firm with its credentials (the secret is shown only here).</summary>
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
    string ClientId,
    string ClientSecret);
