using System.Security.Cryptography;
using FinanceMatch.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Makes client ids and secrets and hashes secrets. A secret the platform generated has 256 random bits: nobody can
/// guess it, so a single SHA-256 keeps it safe at rest (as API keys usually are) and signing in costs microseconds. A
/// secret a person chose (the bootstrap operator's, from configuration) may be guessable, so it gets PBKDF2 through
/// ASP.NET Core Identity's hasher, deliberately slow. Both kinds verify; the prefix says which a hash is.
/// </summary>
public sealed class SecretHasher
{
    private const string Sha256Prefix = "sha256:";
    private readonly PasswordHasher<Credential> hasher = new();

    /// <summary>For a secret from <see cref="NewSecret"/>.</summary>
    public string HashGenerated(string secret) =>
        Sha256Prefix + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>For a secret a person chose.</summary>
    public string HashChosen(string secret) => hasher.HashPassword(null!, secret);

    public bool Verify(string hash, string secret)
    {
        if (!hash.StartsWith(Sha256Prefix, StringComparison.Ordinal))
            return hasher.VerifyHashedPassword(null!, hash, secret)
                is PasswordVerificationResult.Success
                    or PasswordVerificationResult.SuccessRehashNeeded;
        return CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(HashGenerated(secret)),
            System.Text.Encoding.ASCII.GetBytes(hash)
        );
    }

    /// <summary>256 random bits, base64url: strong enough that guessing is hopeless.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewClientId(Role role)
    {
        var prefix = role switch
        {
            Role.Operator => "opr",
            Role.Bank => "bank",
            Role.Department => "dept",
            _ => "ent",
        };
        return $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
