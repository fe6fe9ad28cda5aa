using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Auth;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Identity");
        group.MapPost("/auth/token", IssueToken.Endpoint)
            .AllowAnonymous()
            .RequireRateLimiting(Infrastructure.RateLimits.TokenPolicy)
            .WithSummary("Exchange a client id and secret for a bearer token")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/auth/me", GetCaller.Endpoint)
            .RequireAuthorization()
            .WithSummary("Who the bearer of this token is")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/credentials/rotate", RotateSecret.Endpoint)
            .RequireAuthorization()
            .WithSummary("Replace the caller's own secret; the new secret is returned once")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}
