namespace FinanceMatch.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "financematch";
    public const string Audience = "financematch-api";

    /// <summary>Optional base64 key (≥ 32 bytes). Without it, a random key kept in the database is shared by all processes.</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeMinutes { get; set; } = 60;
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? OperatorClientId { get; set; }
    public string? OperatorClientSecret { get; set; }
}
