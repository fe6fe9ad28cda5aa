using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// After a token's signature and lifetime check out, its credential must still stand: enabled, and at the version the
/// token was issued under (a rotation, reset or disable moves the version on). A firm's verification is added to the
/// principal as it is now, for the verification gate.
/// </summary>
public static class CredentialCheck
{
    public static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (
            principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(principal.FindFirstValue(CallerClaims.CredentialId), out var credentialId)
            || !int.TryParse(
                principal.FindFirstValue(CallerClaims.CredentialVersion),
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var version
            )
        )
        {
            context.Fail("The token does not name a credential and its version.");
            return;
        }
        var states = context.HttpContext.RequestServices.GetRequiredService<CredentialStates>();
        var state = await states.GetAsync(credentialId, context.HttpContext.RequestAborted);
        if (state is null || !state.Enabled || state.Version != version)
        {
            context.Fail("The token's client was disabled or its secret changed after the token was issued.");
            return;
        }
        // A token names its credential; its role and subject must be that credential's own, so even someone holding a
        // signing key cannot mint a stronger role on an ordinary credential.
        if (
            principal.FindFirstValue(CallerClaims.Role) != Policies.RoleName(state.Role)
            || principal.FindFirstValue(CallerClaims.Subject) != state.SubjectId.ToString()
        )
        {
            context.Fail("The token's role or subject is not its credential's.");
            return;
        }
        if (state.Verification is { } verification)
            identity.AddClaim(new Claim(CallerClaims.Verification, verification.ToString()));
    }
}
