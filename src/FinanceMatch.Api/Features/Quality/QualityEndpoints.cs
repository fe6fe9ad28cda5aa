using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;

namespace FinanceMatch.Api.Features.Quality;

public static class QualityEndpoints
{
    public static void MapQualityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/feeds/quality", GetQualityReport.Endpoint)
            .WithTags("Feeds")
            .RequireAuthorization(Policies.OperatorOrDepartment)
            .WithSummary(
                "The data-quality report: every rule with how many records fail it, and the failing records (a department: its own records; operators: the platform, or ?departmentId=)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
}
