using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Lists;

public static class ListEndpoints
{
    public static void MapListEndpoints(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/v1/lists").WithTags("Lists");
        lists
            .MapPost("", CreateList.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithIdempotency()
            .WithSummary(
                "Publish a list of firms (cultivation pool, key firms, red list, specialised…): a department for itself, an operator for a department"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 422);
        lists
            .MapGet("", ListLists.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary(
                "The lists the caller may see, newest first, by kind: operators all, a department its own, a bank those shared with it"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        lists
            .MapGet("/{id:guid}", GetList.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary("One list (operators, its department, the banks it is shared with)")
            .Produces<ListDto>()
            .ProducesProblems(401, 403, 404);
        lists
            .MapPost("/{id:guid}/members", UploadListMembers.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Upload members by USCC through the feed pipeline (JSON array, NDJSON or CSV; mode=append adds, mode=replace makes them the list); "
                    + "follow the batch at /api/v1/feeds/batches/{id}; honours Idempotency-Key"
            )
            .Accepts<string>("application/json", "application/x-ndjson", "text/csv")
            .Produces<BatchDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 413, 415, 422);
        lists
            .MapGet("/{id:guid}/members", ListListMembers.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary(
                "A list's members, newest first: all for its department and operators; for a bank only the firms that consented to it"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        lists
            .MapPut("/{id:guid}/subscription", SubscribeToList.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "Subscribe to a list shared with the bank: its new members that consented to the bank arrive as listMembersAdded webhooks"
            )
            .Produces<ListDto>()
            .ProducesProblems(401, 403, 404);
        lists
            .MapDelete("/{id:guid}/subscription", UnsubscribeFromList.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("Stop following a list")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(401, 403, 404);
    }
}
