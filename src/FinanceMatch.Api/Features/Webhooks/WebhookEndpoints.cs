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
                "Register an endpoint for matchCreated, alertRaised, objectionOpened, objectionResolved and listMembersAdded events (not ping), signed with the secret (banks; at most 10)"
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
        group
            .MapPost("/{id:guid}/ping", PingWebhook.Endpoint)
            .RequireRateLimiting(RateLimits.WebhookTestPolicy)
            .WithSummary(
                "Send a signed ping event to this webhook alone, at once; it shows in the delivery log (its own bank)"
            )
            .ProducesProblems(401, 403, 404);
        group
            .MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverWebhookDelivery.Endpoint)
            .RequireRateLimiting(RateLimits.WebhookTestPolicy)
            .WithSummary(
                "Send a delivery's event again, at once, as a new delivery with the same webhook-id and body (its own bank; 409 once the body is no longer kept)"
            )
            .ProducesProblems(401, 403, 404, 409);
        group
            .MapPost("/{id:guid}/secret", RotateWebhookSecret.Endpoint)
            .WithSummary(
                "Replace the webhook's secret; the new one is returned once, and the previous one keeps signing beside it, for 24 hours by default (its own bank)"
            )
            .ProducesProblems(401, 403, 404);
    }
}
