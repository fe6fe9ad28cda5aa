namespace FinanceMatch.Client.Contracts;

/// <summary>Body of <c>POST /api/v1/institutions</c>.</summary>
public sealed record CreateInstitutionBody(string Name, string Code);

/// <summary>The public fields of a financial institution.</summary>
public sealed record InstitutionDto(Guid Id, string Name, string Code, DateTimeOffset CreatedAt);

/// <summary>A newly onboarded institution with its credentials (the secret is shown only here; an idempotent replay omits it).</summary>
public sealed record CreatedInstitution(
    Guid Id,
    string Name,
    string Code,
    DateTimeOffset CreatedAt,
    string ClientId,
    string? ClientSecret
);
