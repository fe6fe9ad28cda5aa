using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.LoanRequests;

public static class LoanRequestEndpoints
{
    public static void MapLoanRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/loan-requests").WithTags("Loan requests");
        group
            .MapPost("", SubmitLoanRequest.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary(
                "Post a loan request with the consent that covers the banks it is matched to; matching starts at once (firms)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409, 422);
        group
            .MapGet("", ListLoanRequests.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary("The firm's own loan requests with their matches, newest first (operators: all)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetLoanRequest.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary(
                "One loan request and its matches (the firm, operators; a matched bank sees its own match only)"
            )
            .Produces<LoanRequestDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapGet("/{id:guid}/near-misses", GetNearMisses.Endpoint)
            .RequireAuthorization(Policies.OperatorOrEnterprise)
            .WithSummary(
                "Published products the firm failed by at most two rules, each failed rule with what is required and what the firm has"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/{id:guid}/cancel", CancelLoanRequest.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary("Cancel a loan request; its open matches are withdrawn (the firm)")
            .Produces<LoanRequestDto>()
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/referral", ReferLoanRequest.Endpoint)
            .RequireAuthorization(Policies.Enterprise)
            .WithIdempotency()
            .WithSummary(
                "A declined firm asks to be matched again with the banks that have not seen the request (the firm; once no offer is in play, at most 3 times)"
            )
            .Produces<LoanRequestDto>()
            .ProducesProblems(401, 403, 404, 409);
    }
}
