using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Credentials;

public static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Identity").RequireAuthorization(Policies.Operator);
        group
            .MapGet("/credentials/{clientId}", GetCredential.Endpoint)
            .WithSummary("One client's credential (operators; never its secret)")
            .Produces<CredentialDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/credentials/{clientId}/disable", DisableCredential.Endpoint)
            .WithSummary(
                "Disable a client: no sign-in, and its tokens are refused at once; the last enabled operator cannot be disabled"
            )
            .Produces<CredentialDto>()
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/credentials/{clientId}/enable", EnableCredential.Endpoint)
            .WithSummary("Enable a disabled client again")
            .Produces<CredentialDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/credentials/{clientId}/reset", ResetCredential.Endpoint)
            .WithSummary("Give a client a new secret (returned once); every earlier token ends")
            .Produces<ClientCredentials>()
            .ProducesProblems(401, 403, 404);
        group
            .MapGet("/security-events", ListSecurityEvents.Endpoint)
            .WithSummary(
                "The append-only security log: credentials issued, rotated, reset, disabled and enabled, verification decisions"
            )
            .Produces<Paged<SecurityEventDto>>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapPost("/signing-keys/rotate", RotateSigningKey.Endpoint)
            .WithSummary(
                "Make a new token signing key current; tokens signed with the previous one stay valid until they expire"
            )
            .Produces<SigningKeyDto>()
            .ProducesProblems(401, 403, 409);
    }
}
