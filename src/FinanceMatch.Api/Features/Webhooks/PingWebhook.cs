using System.Text.Json.Nodes;
using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// A test event for one webhook: a <c>ping</c> delivery to it alone (nothing subscribes to pings), signed, retried and
/// logged like any other and sent at once. The webhook stays locked until the delivery commits, so a delete meanwhile
/// waits and then takes the delivery with it.
/// </summary>
public static class PingWebhook
{
    public const string Message = "A ping from FinanceMatch: this endpoint receives signed deliveries.";

    public sealed record Command(Caller Caller, Guid WebhookId) : IRequest<WebhookDeliveryDto>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, WebhookDeliveryDto>
    {
        public async ValueTask<WebhookDeliveryDto> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var webhook = await db.LockOwnAsync(command.Caller, command.WebhookId, cancellationToken);
            var now = clock.GetUtcNow();
            var eventId = Guid.CreateVersion7(now);
            var data = new JsonObject
            {
                ["webhookId"] = webhook.Id,
                ["sentAt"] = now,
                ["message"] = Message,
            };
            var delivery = webhook.Ping(eventId, WebhookOutbox.Body(eventId, "ping", now, data), now);
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            jobs.Enqueue<DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return delivery.ToDto([]);
        }
    }

    internal static async Task<Accepted<WebhookDeliveryDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", await sender.Send(new Command(caller, id), ct));
}
