using System.Security.Claims;
using FinanceMatch.Core.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.Api.Auth;

public sealed class TokenIssuer(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new();

    public (string Token, int ExpiresInSeconds) Issue(Credential credential)
    {
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        var now = clock.GetUtcNow();
        var token = handler.CreateToken(
            new SecurityTokenDescriptor
            {
                Issuer = AuthOptions.Issuer,
                Audience = AuthOptions.Audience,
                IssuedAt = now.UtcDateTime,
                NotBefore = now.UtcDateTime,
                Expires = (now + lifetime).UtcDateTime,
                Subject = new ClaimsIdentity([
                    new Claim(CallerClaims.Subject, credential.SubjectId.ToString()),
                    new Claim(CallerClaims.Role, Policies.RoleName(credential.Role)),
                    new Claim(CallerClaims.ClientId, credential.ClientId),
                    new Claim(CallerClaims.CredentialId, credential.Id.ToString()),
                    new Claim(
                        CallerClaims.CredentialVersion,
                        credential.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    ),
                ]),
                // The key's kid goes into the header, so validation finds the key even after a rotation.
                SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256),
            }
        );
        return (token, (int)lifetime.TotalSeconds);
    }
}
