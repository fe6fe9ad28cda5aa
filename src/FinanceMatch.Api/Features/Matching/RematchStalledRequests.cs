using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.LoanRequests;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// The safety net for requests whose run was never enqueued (the process died between commit and enqueue): when a
/// request has waited over a minute, a run is enqueued, and trigger slots taken over a minute ago are freed.
/// </summary>
public static class RematchStalledRequests
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        MatchingTrigger trigger,
        IBackgroundJobClient jobs,
        TimeProvider clock
    ) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow().AddMinutes(-1);
            await trigger.FreeStaleAsync(cutoff, cancellationToken);
            var stalled = await db.LoanRequests.CountAsync(
                r => r.Status == LoanRequestStatus.Matching && r.CreatedAt < cutoff,
                cancellationToken
            );
            if (stalled > 0)
                jobs.Enqueue<MatchWaitingRequests.Job>(job => job.Run(null, CancellationToken.None));
            return stalled;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(RematchStalledRequests), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
