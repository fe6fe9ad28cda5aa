using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;

namespace FinanceMatch.Api.Features.Objections;

public static class ObjectionEndpoints
{
    public static void MapObjectionEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprise = app.MapGroup("/api/v1/enterprises/{id:guid}/objections").WithTags("Objections");
        enterprise
            .MapPost("", FileObjection.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary(
                "Dispute one of the firm's records; it shows as disputed in every report while open (the firm itself)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);
        enterprise
            .MapGet("", ListObjections.EnterpriseEndpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("A firm's objections, newest first (the firm itself, operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

        var objections = app.MapGroup("/api/v1/objections").WithTags("Objections");
        objections
            .MapGet("", ListObjections.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Every objection, oldest first; overdue=true for those open past 20 days (operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        objections
            .MapGet("/{id:guid}", GetObjection.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("One objection (its firm, operators)")
            .ProducesProblems(401, 403, 404);
        objections
            .MapPost("/{id:guid}/resolve", ResolveObjection.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Resolve an open objection as corrected or rejected, with a note (operators)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}
