using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.RiskProgrammes;

public static class RiskProgrammeEndpoints
{
    public static void MapRiskProgrammeEndpoints(this IEndpointRouteBuilder app)
    {
        var programmes = app.MapGroup("/api/v1/risk-programmes").WithTags("Risk programmes");
        programmes
            .MapPost("", CreateRiskProgramme.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Define a risk-compensation programme (an operator for a department, or a department for itself)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 422);
        programmes
            .MapGet("", ListRiskProgrammes.Endpoint)
            .RequireAuthorization()
            .WithSummary("Every programme with its terms and budget (available + reserved + paid), newest first")
            .ProducesValidationProblem()
            .ProducesProblems(401);
        programmes
            .MapGet("/{id:guid}", GetRiskProgramme.Endpoint)
            .RequireAuthorization()
            .WithSummary("One programme with its terms and budget")
            .Produces<RiskProgrammeDto>()
            .ProducesProblems(401, 404);
        programmes
            .MapGet("/{id:guid}/ledger", ListRiskLedger.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary("Every movement of the programme's money, oldest first (operators, the owning department)")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);

        app.MapPost("/api/v1/loans/{id:guid}/claims", FileClaim.Endpoint)
            .WithTags("Risk programmes")
            .RequireAuthorization(Policies.Bank)
            .WithSummary("The bank claims on the programme covering its defaulted loan, within the claim window")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);

        var claims = app.MapGroup("/api/v1/claims").WithTags("Risk programmes");
        claims
            .MapGet("", ListClaims.Endpoint)
            .RequireAuthorization(Policies.OperatorDepartmentOrBank)
            .WithSummary(
                "Claims, newest first: a department's on its programmes (?status=submitted is its inbox), a bank's own, operators all"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        claims
            .MapPost("/{id:guid}/approve", ApproveClaim.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Pay a claim from the loan's reservation; the rest of it goes back to the budget: submitted → approved"
            )
            .Produces<ClaimDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
        claims
            .MapPost("/{id:guid}/reject", RejectClaim.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary("Refuse a claim with a note; the bank may file again within the window: submitted → rejected")
            .Produces<ClaimDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409);
    }
}
