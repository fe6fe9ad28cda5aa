using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// A safety net for the gap between committing an upload and enqueueing its job (a process can die in between):
/// pushed batches still queued after a minute are enqueued again. Processing is re-entrant, so a duplicate is harmless.
/// </summary>
public static class RequeueStalledBatches
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow().AddMinutes(-1);
            var stalled = await db
                .FeedBatches.AsNoTracking()
                .Where(b => b.Status == BatchStatus.Queued && b.ReceivedAt < cutoff && b.SourceId == null)
                .OrderBy(b => b.ReceivedAt)
                .Select(b => b.Id)
                .Take(1000)
                .ToListAsync(cancellationToken);
            foreach (var id in stalled)
                jobs.Enqueue<ProcessBatch.Job>(job => job.Run(id, CancellationToken.None));
            return stalled.Count;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(RequeueStalledBatches), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
