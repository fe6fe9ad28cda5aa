using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Enterprises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.Api.Features.Enterprises.Verification;

/// <summary>
/// A compact JWS from the e-business-licence service (RS256 or ES256), checked with Microsoft.IdentityModel against the
/// configured issuer and key set: <c>iss</c>, <c>aud</c> = financematch, <c>sub</c> = this firm's USCC, a lifetime of at
/// most ten minutes, and a <c>jti</c> never presented before (it is stored when the claim is decided).
/// </summary>
public sealed class BusinessLicenceVerification(IOptions<VerificationOptions> options, FinanceMatchDbContext db)
    : IVerificationMethod
{
    public const string Field = "assertion";
    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = 16 * 1024 };

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    public VerificationMethod Method => VerificationMethod.BusinessLicence;
    public bool SelfService => true;

    public async Task<VerificationProof> CheckAsync(Enterprise firm, VerificationClaim claim, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
            throw Refused(
                "Licence verification is not configured on this platform; ask an operator to review the registration."
            );
        if (string.IsNullOrWhiteSpace(claim.Assertion))
            throw Refused("The assertion is missing.");

        var result = await Handler.ValidateTokenAsync(
            claim.Assertion,
            new TokenValidationParameters
            {
                ValidIssuer = settings.LicenceIssuer,
                ValidAudience = VerificationOptions.Audience,
                IssuerSigningKeys = settings.Keys!.GetSigningKeys(),
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = Skew,
                TryAllIssuerSigningKeys = true,
            }
        );
        if (!result.IsValid)
            throw Refused(Reason(result.Exception));

        var token = (JsonWebToken)result.SecurityToken;
        if (string.IsNullOrEmpty(token.Id))
            throw Refused("The assertion has no jti.");
        if (token.IssuedAt == DateTime.MinValue)
            throw Refused("The assertion has no iat.");
        if (token.IssuedAt > DateTime.UtcNow + Skew)
            throw Refused("The assertion is issued in the future (iat).");
        if (token.ValidTo - token.IssuedAt > VerificationOptions.MaxAssertionLifetime)
            throw Refused("The assertion lives longer than ten minutes (exp - iat).");
        if (!string.Equals(token.Subject, firm.Uscc, StringComparison.Ordinal))
            throw Refused("The assertion is about another firm (sub is not this registration's USCC).");
        if (
            token.TryGetPayloadValue<string>("legalRepresentative", out var representative)
            && !string.Equals(representative.Trim(), firm.LegalRepresentative, StringComparison.OrdinalIgnoreCase)
        )
            throw Refused("The licence names another legal representative than this registration.");
        if (token.Id.Length > 200)
            throw Refused("The assertion's jti is too long.");
        if (await db.UsedLicenceAssertions.AnyAsync(a => a.Jti == token.Id, ct))
            throw Refused("The assertion was already used (jti).");
        return new VerificationProof(settings.LicenceIssuer!, null, token.Id);
    }

    public static UnprocessableException Refused(string reason) => UnprocessableException.For(Field, reason);

    private static string Reason(Exception? exception) =>
        exception switch
        {
            SecurityTokenExpiredException => "The assertion has expired.",
            SecurityTokenNotYetValidException => "The assertion is not valid yet.",
            SecurityTokenNoExpirationException => "The assertion has no exp.",
            SecurityTokenInvalidIssuerException =>
                "The assertion is from another issuer than the e-business-licence service.",
            SecurityTokenInvalidAudienceException => "The assertion is not meant for FinanceMatch (aud).",
            SecurityTokenInvalidAlgorithmException => "The assertion is not signed with RS256 or ES256.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                "The signature is not from the e-business-licence service's keys (or the assertion was altered).",
            SecurityTokenMalformedException or ArgumentException => "The assertion is not a compact JWS.",
            _ => "The assertion is not valid (" + (exception?.GetType().Name ?? "unknown reason") + ").",
        };
}
