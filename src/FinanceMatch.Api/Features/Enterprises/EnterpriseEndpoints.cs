using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Enterprises;

public static class EnterpriseEndpoints
{
    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises").WithTags("Enterprises");
        group
            .MapPost("", RegisterEnterprise.Endpoint)
            .AllowAnonymous()
            .WithIdempotency()
            .WithSummary("A firm registers itself (pending until verified); returns its credentials once")
            .ProducesValidationProblem()
            .ProducesProblems(409, 422);
        group
            .MapGet("", ListEnterprises.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "List registered firms (operators), by USCC or verification; verification=pending is the review queue"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetEnterprise.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .AllowUnverifiedEnterprise()
            .WithSummary("One firm (the firm itself, operators; banks only with the firm's active consent)")
            .Produces<EnterpriseDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/{id:guid}/verification", SubmitVerification.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .AllowUnverifiedEnterprise()
            .WithSummary("The firm proves it controls the firm with a signed e-business-licence assertion")
            .Produces<EnterpriseDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblems(429);
        group
            .MapPost("/{id:guid}/verify", VerifyEnterprise.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "An operator verifies a pending registration after review; other pending claims of the USCC are rejected"
            )
            .Produces<EnterpriseDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/reject", RejectEnterprise.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("An operator rejects a pending registration")
            .Produces<EnterpriseDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}
