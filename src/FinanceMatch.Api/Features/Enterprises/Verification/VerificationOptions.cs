using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.Api.Features.Enterprises.Verification;

/// <summary>The e-business-licence service whose signed assertions verify firms (<c>Verification:*</c>).</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>The audience a licence assertion must name.</summary>
    public const string Audience = "financematch";
    public static readonly TimeSpan MaxAssertionLifetime = TimeSpan.FromMinutes(10);
    public const int MaxFailuresPerHour = 5;

    /// <summary>The <c>iss</c> of the licence service's assertions; without it, licence verification is refused (422).</summary>
    public string? LicenceIssuer { get; set; }

    /// <summary>The service's public keys: a JWKS document, inline JSON or the path of a file holding it.</summary>
    public string? LicenceIssuerKeys { get; set; }

    private JsonWebKeySet? keys;

    /// <summary>The parsed key set (read once); null when licence verification is not configured.</summary>
    public JsonWebKeySet? Keys => keys ??= Parse(LicenceIssuerKeys);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(LicenceIssuer) && Keys is { Keys.Count: > 0 };

    /// <summary>A start-up check: a half configuration or an unreadable key set stops the process with the setting's name.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(LicenceIssuer) && string.IsNullOrWhiteSpace(LicenceIssuerKeys))
            return null;
        if (string.IsNullOrWhiteSpace(LicenceIssuer))
            return "Verification__LicenceIssuerKeys is set but Verification__LicenceIssuer is not.";
        if (string.IsNullOrWhiteSpace(LicenceIssuerKeys))
            return "Verification__LicenceIssuer is set but Verification__LicenceIssuerKeys is not.";
        try
        {
            return Keys is { Keys.Count: > 0 } ? null : "Verification__LicenceIssuerKeys holds no keys.";
        }
        catch (Exception e)
            when (e is ArgumentException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException
            )
        {
            return $"Verification__LicenceIssuerKeys is neither a JWKS document nor a readable file holding one ({e.Message}).";
        }
    }

    private static JsonWebKeySet? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var json = value.TrimStart().StartsWith('{') ? value : File.ReadAllText(value);
        return new JsonWebKeySet(json);
    }
}
