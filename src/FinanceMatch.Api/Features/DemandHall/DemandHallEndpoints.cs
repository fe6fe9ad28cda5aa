using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.DemandHall;

public static class DemandHallEndpoints
{
    public static void MapDemandHallEndpoints(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/v1/demand-hall").WithTags("Demand hall");
        hall.MapGet("", ListDemandHall.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "Requests nobody took, newest first, anonymised (no name, USCC or purpose text; amounts to two figures; division, industry section and grade band only where five firms share them)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        hall.MapPost("/{id:guid}/interest", ExpressInterest.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary("A bank would lend to this request under one of its published products; the firm decides")
            .Produces<DemandHallInterestDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);

        var interests = app.MapGroup("/api/v1/loan-requests/{id:guid}/interests").WithTags("Demand hall");
        interests
            .MapGet("", ListInterests.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary("The banks interested in the firm's request, with the product each offers (the firm itself)")
            .ProducesProblems(401, 403, 404);
        interests
            .MapPost("/{interestId:guid}/confirm", ConfirmInterest.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary(
                "The firm confirms a bank: the match is made and the request's consent covers that bank from now on"
            )
            .Produces<MatchDto>()
            .ProducesProblems(401, 403, 404, 409);
    }
}
