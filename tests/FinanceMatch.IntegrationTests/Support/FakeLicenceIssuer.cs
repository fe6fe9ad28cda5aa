using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// Stands in for the e-business-licence service: an RSA and an EC key of its own, published as the JWKS the test app is
/// configured with, and a "stranger" of each kind that the app does not know. Every knob an attacker could turn is one.
/// </summary>
public sealed class FakeLicenceIssuer
{
    public const string Issuer = "https://licence.test.financematch";
    public static FakeLicenceIssuer Instance { get; } = new();

    private static readonly JsonWebTokenHandler Handler = new();
    private readonly RsaSecurityKey rsa = new(RSA.Create(2048)) { KeyId = "licence-rsa-1" };
    private readonly ECDsaSecurityKey ec = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "licence-ec-1" };
    private readonly RsaSecurityKey strangerRsa = new(RSA.Create(2048)) { KeyId = "licence-rsa-1" };
    private readonly ECDsaSecurityKey strangerEc = new(ECDsa.Create(ECCurve.NamedCurves.nistP256))
    {
        KeyId = "licence-ec-1",
    };

    /// <summary>The public keys as a JWKS document.</summary>
    public string Jwks
    {
        get
        {
            var r = rsa.Rsa.ExportParameters(false);
            var e = ec.ECDsa.ExportParameters(false);
            return JsonSerializer.Serialize(
                new
                {
                    keys = new object[]
                    {
                        new
                        {
                            kty = "RSA",
                            use = "sig",
                            alg = "RS256",
                            kid = rsa.KeyId,
                            n = Base64UrlEncoder.Encode(r.Modulus),
                            e = Base64UrlEncoder.Encode(r.Exponent),
                        },
                        new
                        {
                            kty = "EC",
                            use = "sig",
                            alg = "ES256",
                            kid = ec.KeyId,
                            crv = "P-256",
                            x = Base64UrlEncoder.Encode(e.Q.X),
                            y = Base64UrlEncoder.Encode(e.Q.Y),
                        },
                    },
                }
            );
        }
    }

    public sealed record Options
    {
        public bool UseEc { get; init; }
        public bool SignWithStranger { get; init; }
        public string Issuer { get; init; } = FakeLicenceIssuer.Issuer;
        public string Audience { get; init; } = "financematch";
        public DateTime? IssuedAt { get; init; }
        public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(5);
        public string? Jti { get; init; }
        public string LegalRepresentative { get; init; } = "Li Wei";
    }

    /// <summary>A licence assertion that <paramref name="uscc"/> is the bearer's firm.</summary>
    public string Assertion(string uscc, Options? options = null)
    {
        var o = options ?? new Options();
        var issuedAt = o.IssuedAt ?? DateTime.UtcNow;
        SecurityKey key = o.UseEc ? (o.SignWithStranger ? strangerEc : ec) : (o.SignWithStranger ? strangerRsa : rsa);
        return Handler.CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = o.Issuer,
                Audience = o.Audience,
                IssuedAt = issuedAt,
                NotBefore = issuedAt,
                Expires = issuedAt + o.Lifetime,
                Subject = new ClaimsIdentity([
                    new Claim("sub", uscc),
                    new Claim("jti", o.Jti ?? Guid.NewGuid().ToString("N")),
                    new Claim("legalRepresentative", o.LegalRepresentative),
                ]),
                SigningCredentials = new SigningCredentials(
                    key,
                    o.UseEc ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256
                ),
            }
        );
    }

    /// <summary>
    /// Hands the issuer's RSA key to another process (the demo loader signs with it): the environment that process needs.
    /// </summary>
    public IReadOnlyDictionary<string, string> SigningEnvironment(string directory)
    {
        var path = Path.Combine(directory, $"licence-issuer-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, rsa.Rsa.ExportPkcs8PrivateKeyPem());
        return new Dictionary<string, string>
        {
            ["FINANCEMATCH_LICENCE_ISSUER"] = Issuer,
            ["FINANCEMATCH_LICENCE_ISSUER_KEY"] = path,
            ["FINANCEMATCH_LICENCE_ISSUER_KID"] = rsa.KeyId!,
        };
    }

    /// <summary>A valid assertion whose payload is then changed (a claim replaced), keeping the original signature.</summary>
    public static string Altered(string assertion, string claim, string value)
    {
        var parts = assertion.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var altered = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        altered[claim] = value;
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(altered)));
        return string.Join('.', parts);
    }
}
