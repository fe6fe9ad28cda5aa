using FinanceMatch.Core.Identity;
using Microsoft.AspNetCore.Identity;
using System.Security.Cryptography;

namespace FinanceMatch.Api.Auth;

/// <summary>Makes client ids and secrets and hashes secrets (PBKDF2 through ASP.NET Core Identity's hasher).</summary>
public sealed class SecretHasher
{
    private readonly PasswordHasher<Credential> hasher = new();

    public string Hash(string secret) => hasher.HashPassword(null!, secret);

    public bool Verify(string hash, string secret) =>
        hasher.VerifyHashedPassword(null!, hash, secret) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;

    /// <summary>256 random bits, base64url: strong enough that guessing is hopeless.</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewClientId(Role role)
    {
        var prefix = role switch { Role.Operator => "opr", Role.Bank => "bank", Role.Department => "dept", _ => "ent" };
        return $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
