namespace FinanceMatch.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "financematch";
    public const string Audience = "financematch-api";

    /// <summary>Optional base64 key (≥ 32 bytes). Without it, random keys kept encrypted in the database are shared by all processes.</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>How long a process may answer "this token's credential still stands" from memory (changes are announced sooner).</summary>
    public int CredentialCacheSeconds { get; set; } = 30;
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? OperatorClientId { get; set; }
    public string? OperatorClientSecret { get; set; }
}
