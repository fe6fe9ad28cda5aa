using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// Turns one outbox entry into a delivery for each webhook its bank has for the event, in a transaction of its own that
/// also marks the entry expanded (the entry's row lock makes a second job for it find it done), then enqueues the
/// deliveries. An entry whose job never ran (the process died after the matching commit) is found by the sweep.
/// </summary>
public static class ExpandWebhookEvent
{
    public sealed record Command(Guid EntryId) : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var entry = await db
                .WebhookOutbox.FromSql(
                    $"SELECT * FROM financematch.webhook_outbox WHERE id = {command.EntryId} FOR UPDATE"
                )
                .SingleOrDefaultAsync(ct);
            if (entry is null || entry.ExpandedAt is not null)
                return 0;
            var now = clock.GetUtcNow();
            var webhooks = await db
                .Webhooks.AsNoTracking()
                .Where(w => w.InstitutionId == entry.InstitutionId && w.Events.Contains(entry.EventType))
                .Select(w => w.Id)
                .ToListAsync(ct);
            var deliveries = webhooks
                .Select(w =>
                    WebhookOutbox.Pending(w, entry.InstitutionId, entry.Id, entry.EventType, entry.Payload, now)
                )
                .ToList();
            db.WebhookDeliveries.AddRange(deliveries);
            entry.ExpandedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            foreach (var delivery in deliveries)
                jobs.Enqueue<DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            return deliveries.Count;
        }
    }

    public sealed class Job(ISender sender)
    {
        [Queue(JobQueues.Webhooks)]
        public Task Run(Guid entryId, CancellationToken ct) => sender.Send(new Command(entryId), ct).AsTask();
    }
}
