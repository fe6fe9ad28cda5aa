using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using DomainDeliveryStatus = FinanceMatch.Core.Webhooks.DeliveryStatus;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// Sends a delivery's event to its webhook again, now: a new delivery with attempts of its own and the same event id,
/// type and body, so the <c>webhook-id</c> is the same and a receiver that drops duplicates sees the same message. The
/// webhook stays locked until the new delivery commits, so a delete meanwhile waits and then takes it with it.
/// </summary>
public static class RedeliverWebhookDelivery
{
    public sealed record Command(Caller Caller, Guid WebhookId, Guid DeliveryId) : IRequest<WebhookDeliveryDto>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        IBackgroundJobClient jobs,
        IOptions<WebhookOptions> options,
        TimeProvider clock
    ) : IRequestHandler<Command, WebhookDeliveryDto>
    {
        public async ValueTask<WebhookDeliveryDto> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var webhook = await db.LockOwnAsync(command.Caller, command.WebhookId, cancellationToken);
            var original =
                await db
                    .WebhookDeliveries.AsNoTracking()
                    .SingleOrDefaultAsync(
                        d => d.Id == command.DeliveryId && d.WebhookId == webhook.Id,
                        cancellationToken
                    )
                ?? throw new NotFoundException("This webhook has no delivery with this id.");
            var now = clock.GetUtcNow();
            var pending = await db.WebhookDeliveries.AnyAsync(
                d =>
                    d.WebhookId == webhook.Id
                    && d.EventId == original.EventId
                    && d.Status == DomainDeliveryStatus.Pending,
                cancellationToken
            );
            var delivery = webhook.Redeliver(original, pending, now.AddDays(-options.Value.PayloadRetentionDays), now);
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            jobs.Enqueue<DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return delivery.ToDto([]);
        }
    }

    internal static async Task<Accepted<WebhookDeliveryDto>> Endpoint(
        Guid id,
        Guid deliveryId,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) =>
        TypedResults.Accepted(
            $"/api/v1/webhooks/{id}/deliveries",
            await sender.Send(new Command(caller, id, deliveryId), ct)
        );
}
