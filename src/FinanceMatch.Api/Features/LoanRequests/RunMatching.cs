using System.Diagnostics;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Matching;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.LoanRequests;

/// <summary>
/// Matches a posted request against the published products, once: a second run finds the request no longer awaiting
/// matching and does nothing; a concurrent cancellation or duplicate run loses on the request's row version and is
/// retried, which then finds it settled.
/// </summary>
public static partial class RunMatching
{
    public sealed record Command(Guid LoanRequestId) : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, MatchingEngine engine, IOptions<MatchingOptions> options, TimeProvider clock,
        IBackgroundJobClient jobs, ILogger<Handler> logger) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var request = await db.LoanRequests.SingleOrDefaultAsync(r => r.Id == command.LoanRequestId, cancellationToken);
            if (request is null || !request.IsAwaitingMatching) return 0;

            var applicant = await engine.ApplicantAsync(request.EnterpriseId, cancellationToken);
            var bestOfEachBank = await engine.BestProductOfEachBankAsync(MatchingEngine.AskOf(request), applicant, cancellationToken);
            var ranked = MatchingEngine.Rank(bestOfEachBank, options.Value.MaxMatchesPerRequest);
            var now = clock.GetUtcNow();
            var matches = new List<Match>();
            for (var i = 0; i < ranked.Count; i++)
            {
                var (product, checks, fit) = (ranked[i].Product, ranked[i].Checks, ranked[i].Fit);
                matches.Add(Match.Create(request.Id, request.EnterpriseId, product.Id, product.Version, product.Name, product.InstitutionId,
                    i + 1, fit.Total, MatchMapping.ReasonsJson(checks), MatchMapping.FitJson(fit), now));
            }
            var deliveries = await WebhookOutbox.AddMatchesCreatedAsync(db, matches, now, cancellationToken);
            request.RecordMatches(ranked.Count, now);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await NewMatchesInsert.InsertAsync((NpgsqlConnection)db.Database.GetDbConnection(), matches, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            // Committed with the matches; if this process dies before these lines, the sweep enqueues them within a minute.
            foreach (var delivery in deliveries) jobs.Enqueue<DeliverWebhook.Job>(job => job.Run(delivery.Id, CancellationToken.None));
            LogMatched(logger, request.Id, bestOfEachBank.Count, ranked.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return ranked.Count;
        }
    }

    public sealed class Job(ISender sender)
    {
        [Queue(JobQueues.Matching)]
        [AutomaticRetry(Attempts = 5, DelaysInSeconds = [1, 5, 15, 60, 300])]
        public Task Run(Guid loanRequestId, CancellationToken ct) => sender.Send(new Command(loanRequestId), ct).AsTask();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matched loan request {LoanRequestId}: {Banks} banks with a matching product, {Matches} matches made in {Milliseconds:0.0} ms")]
    private static partial void LogMatched(ILogger logger, Guid loanRequestId, int banks, int matches, double milliseconds);
}

/// <summary>
/// The safety net for a request whose matching job was never enqueued (the process died between commit and enqueue):
/// requests still awaiting matching after a minute are enqueued again. Matching is re-entrant, so a duplicate is harmless.
/// </summary>
public static class RematchStalledRequests
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs, TimeProvider clock) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var cutoff = clock.GetUtcNow().AddMinutes(-1);
            var stalled = await db.LoanRequests.AsNoTracking()
                .Where(r => r.Status == Core.LoanRequests.LoanRequestStatus.Matching && r.CreatedAt < cutoff)
                .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(1000).ToListAsync(cancellationToken);
            foreach (var id in stalled) jobs.Enqueue<RunMatching.Job>(job => job.Run(id, CancellationToken.None));
            return stalled.Count;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) => exclusive.RunAsync(nameof(RematchStalledRequests), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
