using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Auth;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Identity");
        group
            .MapPost("/auth/token", IssueToken.Endpoint)
            .AllowAnonymous()
            .Accepts<TokenBody>("application/json", IssueToken.FormContentType)
            .RequireRateLimiting(Infrastructure.RateLimits.TokenPolicy)
            .WithSummary("Exchange a client id and secret for a bearer token")
            .WithDescription(
                "JSON `{ clientId, clientSecret }` → `{ accessToken, tokenType, expiresIn }`; or RFC 6749 client credentials as "
                    + "`application/x-www-form-urlencoded` (`grant_type=client_credentials`, `client_id`, `client_secret`, or HTTP Basic) → "
                    + "`{ access_token, token_type, expires_in }`, errors carrying `error` (`invalid_request`, `invalid_client`, `unsupported_grant_type`)."
            )
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 415, 429);
        group
            .MapGet("/auth/me", GetCaller.Endpoint)
            .RequireAuthorization()
            .AllowUnverifiedEnterprise()
            .WithSummary("Who the bearer of this token is")
            .ProducesProblems(401);
        group
            .MapPost("/credentials/rotate", RotateSecret.Endpoint)
            .RequireAuthorization()
            .AllowUnverifiedEnterprise()
            .WithSummary(
                "Replace the caller's own secret, given the current one; the new secret is returned once and earlier tokens end"
            )
            .Produces<ClientCredentials>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 429);
        group
            .MapPost("/auth/job-dashboard-session", StartJobDashboardSession.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Sets the financematch_token cookie (HttpOnly, Path=/hangfire) so an operator's browser can open the job dashboard"
            )
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(401, 403);
    }
}
