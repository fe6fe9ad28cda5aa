namespace FinanceMatch.Client.Contracts;

/// <summary>What an institution does on the platform.</summary>
public enum InstitutionKind
{
    /// <summary>Lends: loan products, matches, reports under consent.</summary>
    Bank,

    /// <summary>A guarantee agency: guarantee products covering part of banks' loans.</summary>
    Guarantor,

    /// <summary>A loan guarantee insurer: guarantee products too.</summary>
    Insurer,
}

/// <summary>Body of <c>POST /api/v1/institutions</c>; <c>kind</c> defaults to <c>bank</c>.</summary>
public sealed record CreateInstitutionBody(string Name, string Code, InstitutionKind? Kind = null);

/// <summary>The public fields of a financial institution.</summary>
public sealed record InstitutionDto(
    Guid Id,
    string Name,
    string Code,
    DateTimeOffset CreatedAt,
    InstitutionKind Kind = InstitutionKind.Bank
);

/// <summary>A newly onboarded institution with its credentials (the secret is shown only here; an idempotent replay omits it).</summary>
public sealed record CreatedInstitution(
    Guid Id,
    string Name,
    string Code,
    DateTimeOffset CreatedAt,
    string ClientId,
    string? ClientSecret,
    InstitutionKind Kind = InstitutionKind.Bank
);
