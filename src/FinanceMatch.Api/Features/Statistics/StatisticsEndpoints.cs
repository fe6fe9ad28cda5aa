using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Statistics;

public static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Statistics");
        group
            .MapGet("/overview", GetStatsOverview.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "Matchmaking figures over the loan requests posted in a period, dates inclusive (operators: all; a bank: its own)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/overview/export", GetStatsOverview.ExportEndpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "The overview's figures as one row, downloaded as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx and the overview's period (operators: all; a bank: its own)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/breakdown", GetStatsBreakdown.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "The same figures per institution, product, division, industry, grade or month (operators: all; a bank: its own)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/breakdown/export", GetStatsBreakdown.ExportEndpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "A breakdown's rows downloaded as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx and the breakdown's by and period (operators: all; a bank: its own)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/loans", GetLoanStats.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "Loan outcomes over the loans disbursed in a period, dates inclusive: outstanding, overdue, defaulted, first and unsecured loans, rates, times, stale loans, programme cover; by=all (default), institution, product, grade, division, industry, programme or guarantee (operators: all; a bank: its own)"
            )
            .Produces<LoanStatsDto>()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapGet("/loans/export", GetLoanStats.ExportEndpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary(
                "Loan outcomes' rows downloaded as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx and the same by and period (operators: all; a bank: its own)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
        group
            .MapPost("/refresh", RefreshStatistics.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary(
                "Brings the pre-aggregated figures up to date now, months included (operators); otherwise a job does so every minute"
            )
            .ProducesProblems(401, 403);
        group
            .MapGet("/feeds", GetFeedStats.Endpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Feed health per department and feed type: batches, rows accepted and rejected, last batch, quiet feeds, open and overdue objections (operators: every department; a department: its own)"
            )
            .ProducesProblems(401, 403);
        group
            .MapGet("/feeds/export", GetFeedStats.ExportEndpoint)
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "Feed health's rows downloaded as CSV (UTF-8 with BOM) or XLSX: ?format=csv|xlsx (operators: every department; a department: its own)"
            )
            .IsExport()
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
    }
}
