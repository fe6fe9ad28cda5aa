using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Webhooks;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// The safety net: every pending delivery that is due and held by no live worker is enqueued again — deliveries whose
/// job never got enqueued (the process died after the commit), whose worker died mid-attempt (its lease ran out) and
/// alert deliveries written by profile rebuilds — and every outbox event left unexpanded for 30 s. A duplicate job finds
/// the delivery taken or done, or the event expanded, and does nothing.
/// </summary>
public static class SweepWebhookDeliveries
{
    public const string RecurringJobId = "sweep-webhook-deliveries";

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var due = await db
                .WebhookDeliveries.AsNoTracking()
                .Where(d =>
                    d.Status == DeliveryStatus.Pending
                    && d.NextAttemptAt <= now
                    && (d.LeaseUntil == null || d.LeaseUntil < now)
                )
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var id in due)
                jobs.Enqueue<DeliverWebhook.Job>(job => job.Run(id, CancellationToken.None));
            // Events whose expansion never ran (the process died after the commit that made them).
            var stranded = now.AddSeconds(-30);
            var unexpanded = await db
                .WebhookOutbox.AsNoTracking()
                .Where(e => e.ExpandedAt == null && e.OccurredAt < stranded)
                .OrderBy(e => e.OccurredAt)
                .Select(e => e.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var id in unexpanded)
                jobs.Enqueue<ExpandWebhookEvent.Job>(job => job.Run(id, CancellationToken.None));
            return due.Count + unexpanded.Count;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(SweepWebhookDeliveries), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
