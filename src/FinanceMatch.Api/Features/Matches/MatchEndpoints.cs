using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Matches;

public static class MatchEndpoints
{
    public static void MapMatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/matches").WithTags("Matches");
        group
            .MapGet("", ListMatches.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary(
                "Matches, newest first: a bank sees its institution's (its inbox with ?status=pending), a firm its own, operators all"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/export", ExportMatches.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary(
                "The same matches, newest first, streamed as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx and ?status= (a bank its institution's, a firm its own, operators all)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetMatch.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary("One match (its bank, its firm, operators)")
            .Produces<MatchDto>()
            .ProducesProblems(401, 403, 404);
        MapTransition(
            group,
            "review",
            ReviewMatch.Endpoint,
            Policies.Bank,
            "The bank takes up a pending match: pending → underReview"
        );
        MapTransition(
                group,
                "approve",
                ApproveMatch.Endpoint,
                Policies.Bank,
                "The bank makes an offer within the matched product version's terms: underReview → approved"
            )
            .ProducesValidationProblem()
            .ProducesProblems(422);
        MapTransition(
                group,
                "decline",
                DeclineMatch.Endpoint,
                Policies.Bank,
                "The bank declines with a reason: pending | underReview → declined"
            )
            .ProducesValidationProblem();
        MapTransition(
                group,
                "disburse",
                DisburseMatch.Endpoint,
                Policies.Bank,
                "The bank pays out the accepted offer; the request is fulfilled: accepted → disbursed"
            )
            .ProducesValidationProblem()
            .ProducesProblems(422);
        MapTransition(
            group,
            "accept",
            AcceptMatch.Endpoint,
            Policies.Enterprise,
            "The firm accepts an offer; its other open matches are withdrawn: approved → accepted"
        );
    }

    /// <summary>Every transition answers the match as it now is, 404 for another party's match and 409 for a move the state machine refuses.</summary>
    private static RouteHandlerBuilder MapTransition(
        RouteGroupBuilder group,
        string action,
        Delegate handler,
        string policy,
        string summary
    ) =>
        group
            .MapPost($"/{{id:guid}}/{action}", handler)
            .RequireAuthorization(policy)
            .WithSummary(summary)
            .Produces<MatchDto>()
            .ProducesProblems(401, 403, 404, 409);
}
