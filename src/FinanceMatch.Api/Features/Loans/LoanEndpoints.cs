using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Loans;

public static class LoanEndpoints
{
    public static void MapLoanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/loans").WithTags("Loans");
        group
            .MapGet("", ListLoans.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary(
                "Loans (disbursed matches), newest first: a bank its loan book, a firm its own, operators all; filter by status, or ?stale=true for loans unreported for two periods"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/{id:guid}", GetLoan.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary("One loan, with the programme covering it (its bank, its firm, operators)")
            .Produces<LoanDto>()
            .ProducesProblems(401, 403, 404);
        group
            .MapGet("/{id:guid}/performance", ListLoanPerformance.Endpoint)
            .RequireAuthorization(Policies.OperatorEnterpriseOrBank)
            .WithSummary("Every period reported of one loan, oldest first")
            .Produces<IReadOnlyList<LoanPerformanceDto>>()
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/{id:guid}/performance", ReportLoanPerformance.Endpoint)
            .RequireAuthorization(Policies.Bank)
            .WithSummary(
                "The bank reports one period of its loan: repaying → overdue | settled, overdue → repaying | defaulted, defaulted → recovered | writtenOff"
            )
            .Produces<LoanDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404, 409, 422);
    }
}
