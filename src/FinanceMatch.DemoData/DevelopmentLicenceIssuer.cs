using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.DemoData;

/// <summary>
/// A stand-in for the e-business-licence service on a developer's machine: an RSA key whose public half the API is
/// configured to trust (<c>Verification__LicenceIssuerKeys</c>), so the demo verifies its firms the way a real
/// deployment does. <c>scripts/run.sh</c> creates it once under .data/licence-issuer and prints where it is.
/// </summary>
public sealed class DevelopmentLicenceIssuer
{
    public const string DefaultIssuer = "https://licence.dev.financematch.local";
    public const string DefaultKid = "dev-licence-1";
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly RsaSecurityKey key;
    private readonly string issuer;

    private DevelopmentLicenceIssuer(RSA rsa, string kid, string issuer)
    {
        key = new RsaSecurityKey(rsa) { KeyId = kid };
        this.issuer = issuer;
    }

    /// <summary>The issuer from FINANCEMATCH_LICENCE_ISSUER_KEY (a PEM private key), _ISSUER and _KID; null when no key is given.</summary>
    public static DevelopmentLicenceIssuer? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable("FINANCEMATCH_LICENCE_ISSUER_KEY");
        if (string.IsNullOrEmpty(path))
            return null;
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new DevelopmentLicenceIssuer(
            rsa,
            Environment.GetEnvironmentVariable("FINANCEMATCH_LICENCE_ISSUER_KID") ?? DefaultKid,
            Environment.GetEnvironmentVariable("FINANCEMATCH_LICENCE_ISSUER") ?? DefaultIssuer
        );
    }

    /// <summary>Writes a new key pair: issuer.pem (private, owner-only) and jwks.json (public), unless they exist.</summary>
    public static void Initialise(string directory)
    {
        Directory.CreateDirectory(directory);
        var pem = Path.Combine(directory, "issuer.pem");
        var jwks = Path.Combine(directory, "jwks.json");
        if (File.Exists(pem) && File.Exists(jwks))
            return;
        using var rsa = RSA.Create(2048);
        File.WriteAllText(pem, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var p = rsa.ExportParameters(false);
        File.WriteAllText(
            jwks,
            JsonSerializer.Serialize(
                new
                {
                    keys = new[]
                    {
                        new
                        {
                            kty = "RSA",
                            use = "sig",
                            alg = "RS256",
                            kid = DefaultKid,
                            n = Base64UrlEncoder.Encode(p.Modulus),
                            e = Base64UrlEncoder.Encode(p.Exponent),
                        },
                    },
                }
            )
        );
    }

    /// <summary>A five-minute assertion that the bearer controls the firm with this USCC.</summary>
    public string Assert(string uscc, string legalRepresentative)
    {
        var now = DateTime.UtcNow;
        return Handler.CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = "financematch",
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Subject = new ClaimsIdentity([
                    new Claim("sub", uscc),
                    new Claim("jti", Guid.NewGuid().ToString("N")),
                    new Claim("legalRepresentative", legalRepresentative),
                ]),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            }
        );
    }
}
