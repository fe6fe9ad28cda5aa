using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

public static class PolicyEndpoints
{
    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/v1/policies").WithTags("Policies");
        policies
            .MapPost("", CreatePolicy.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithIdempotency()
            .WithSummary(
                "Define a policy (interest subsidy, guarantee-fee subsidy, first-loan bonus) with its rules, budget and period: an operator for a department, or a department for itself"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 422);
        policies
            .MapGet("", ListPolicies.Endpoint)
            .RequireAuthorization()
            .WithSummary("Every policy with its terms, newest first; its money for operators and its department")
            .ProducesValidationProblem()
            .ProducesProblems(401);
        policies
            .MapGet("/{id:guid}", GetPolicy.Endpoint)
            .RequireAuthorization()
            .WithSummary("One policy with its terms and budget")
            .Produces<PolicyDto>()
            .ProducesProblems(401, 404);
        policies
            .MapGet("/{id:guid}/ledger", ListPolicyLedger.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Every movement of the policy's money in the fund ledger (shared with risk programmes), oldest first"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

        app.MapGet("/api/v1/enterprises/{id:guid}/eligible-policies", ListEligiblePolicies.Endpoint)
            .WithTags("Policies")
            .RequireAuthorization(Policies.Enterprise)
            .WithSummary(
                "The open policies the firm qualifies for now, and those it misses by one rule, rule by rule (the firm itself)"
            )
            .Produces<EligiblePoliciesDto>()
            .ProducesProblems(401, 403, 404);

        app.MapPost("/api/v1/loans/{id:guid}/subsidy-claims", FileSubsidyClaim.Endpoint)
            .WithTags("Policies")
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "The bank claims a policy's subsidy on its loan as interest is paid: up to what the months reported repaid have earned"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);

        var claims = app.MapGroup("/api/v1/subsidy-claims").WithTags("Policies");
        claims
            .MapGet("", ListSubsidyClaims.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary(
                "Subsidy claims, newest first: a department's on its policies (?status=submitted is its inbox), a bank's own, operators all"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        claims
            .MapPost("/{id:guid}/approve", ApproveSubsidyClaim.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary("Pay a subsidy claim from the loan's reservation: submitted → approved")
            .Produces<SubsidyClaimDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        claims
            .MapPost("/{id:guid}/reject", RejectSubsidyClaim.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary("Refuse a subsidy claim with a note; the bank may claim again: submitted → rejected")
            .Produces<SubsidyClaimDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}
