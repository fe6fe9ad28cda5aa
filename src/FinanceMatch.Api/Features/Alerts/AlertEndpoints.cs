using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;

namespace FinanceMatch.Api.Features.Alerts;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/alerts", ListAlerts.Endpoint)
            .WithTags("Alerts")
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary("Post-loan risk alerts, newest first: a bank sees its own, operators all; filter by kind")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403);
}
