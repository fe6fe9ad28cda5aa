using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;

namespace FinanceMatch.Api.Features.Webhooks;

public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Bank);
        group
            .MapPost("", RegisterWebhook.Endpoint)
            .WithSummary(
                "Register an endpoint for matchCreated, alertRaised, objectionOpened and objectionResolved events, signed with the secret (banks; at most 10)"
            )
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 409);
        group.MapGet("", ListWebhooks.Endpoint).WithSummary("The bank's webhooks").ProducesProblems(401, 403);
        group
            .MapDelete("/{id:guid}", DeleteWebhook.Endpoint)
            .WithSummary("Remove a webhook; its pending deliveries are dropped")
            .ProducesProblems(401, 403, 404);
        group
            .MapGet("/{id:guid}/deliveries", ListWebhookDeliveries.Endpoint)
            .WithSummary("A webhook's deliveries, newest first, with every attempt's status code, error and time")
            .ProducesValidationProblem()
            .ProducesProblems(401, 403, 404);
    }
}
