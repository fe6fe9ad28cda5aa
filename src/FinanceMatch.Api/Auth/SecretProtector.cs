using Microsoft.AspNetCore.DataProtection;

namespace FinanceMatch.Api.Auth;

public enum SecretPurpose
{
    TokenSigningKey,
    WebhookSecret,
    FeedSourceApiKey,
}

/// <summary>
/// Encrypts the secrets the platform must be able to read back (token signing keys, webhook secrets, feed-source API
/// keys) with ASP.NET Core Data Protection. Its key ring lives outside the database (<c>DataProtection__KeysDirectory</c>),
/// so a copy of the database alone reveals none of them. Stored values carry a marker, so a value written before
/// encryption can be told apart and encrypted at start-up.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private const string Marker = "dp1:";

    public string Protect(SecretPurpose purpose, string plaintext) => Marker + Protector(purpose).Protect(plaintext);

    public string Unprotect(SecretPurpose purpose, string stored) =>
        IsProtected(stored)
            ? Protector(purpose).Unprotect(stored[Marker.Length..])
            : throw new InvalidOperationException(
                $"A stored {purpose} is not encrypted; start-up encrypts such values."
            );

    public static bool IsProtected(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);

    private IDataProtector Protector(SecretPurpose purpose) => provider.CreateProtector($"FinanceMatch.{purpose}");
}
