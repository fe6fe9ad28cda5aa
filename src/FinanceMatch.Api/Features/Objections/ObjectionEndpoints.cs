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
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Objections, oldest first: every one (operators), those on the department's own records (a department); overdue=true for those unanswered past 20 days"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        objections
            .MapGet("/{id:guid}", GetObjection.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrDepartment)
            .WithSummary("One objection (its firm, the department that supplied the record, operators)")
            .ProducesProblems(401, 403, 404);
        objections
            .MapPost("/{id:guid}/resolve", ResolveObjection.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Answer an objection (the department that supplied the record, within 20 days): rejected with a reason closes it, corrected promises the corrected record whose push closes it; operators decide only overdue ones"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}
