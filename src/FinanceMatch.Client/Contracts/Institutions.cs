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
/// <param name="Name">The institution's display name: required, at most 200 characters (trimmed).</param>
/// <param name="Code">
/// A short unique code: at most 32 letters, digits, <c>-</c> or <c>_</c>, starting with a letter or digit; stored in
/// upper case, and a code already taken (in any case) is 409.
/// </param>
/// <param name="Kind">What the institution does; <c>bank</c> when left out.</param>
public sealed record CreateInstitutionBody(string Name, string Code, InstitutionKind? Kind = null);

/// <summary>The public fields of a financial institution.</summary>
/// <param name="Id">The institution's id (a UUID).</param>
/// <param name="Name">The institution's display name.</param>
/// <param name="Code">The institution's unique code, in upper case.</param>
/// <param name="CreatedAt">When the institution was onboarded (ISO 8601, UTC).</param>
/// <param name="Kind">What the institution does: a bank lends, a guarantor or insurer covers loans.</param>
public sealed record InstitutionDto(
    Guid Id,
    string Name,
    string Code,
    DateTimeOffset CreatedAt,
    InstitutionKind Kind = InstitutionKind.Bank
);

/// <summary>A newly onboarded institution with its credentials (the secret is shown only here; an idempotent replay omits it).</summary>
/// <param name="Id">The new institution's id (a UUID).</param>
/// <param name="Name">The institution's display name, trimmed.</param>
/// <param name="Code">The institution's unique code, in upper case.</param>
/// <param name="CreatedAt">When the institution was onboarded (ISO 8601, UTC).</param>
/// <param name="ClientId">The client id the institution signs in with at <c>POST /api/v1/auth/token</c>.</param>
/// <param name="ClientSecret">
/// The client secret, shown only in this first response (store it now); absent from an idempotent replay.
/// </param>
/// <param name="Kind">What the institution does, as asked (<c>bank</c> by default).</param>
public sealed record CreatedInstitution(
    Guid Id,
    string Name,
    string Code,
    DateTimeOffset CreatedAt,
    string ClientId,
    string? ClientSecret,
    InstitutionKind Kind = InstitutionKind.Bank
);
