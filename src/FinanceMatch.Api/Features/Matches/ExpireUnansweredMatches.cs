using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Matching;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>
/// Pending matches the bank has not answered within <c>Matching:ResponseDeadlineHours</c> expire (a recurring job).
/// Each goes through the state machine; one that a bank answers meanwhile loses its expiry on the row version. A
/// guarantee no offer relies on any more is withdrawn with them.
/// </summary>
public static partial class ExpireUnansweredMatches
{
    private const int ChunkSize = 500;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(
        FinanceMatchDbContext db,
        IOptions<MatchingOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var cutoff = now.AddHours(-options.Value.ResponseDeadlineHours);
            var expired = 0;
            while (true)
            {
                var overdue = await db
                    .Matches.Where(m => m.Status == MatchStatus.Pending && m.CreatedAt < cutoff)
                    .OrderBy(m => m.CreatedAt)
                    .Take(ChunkSize)
                    .ToListAsync(cancellationToken);
                if (overdue.Count == 0)
                    break;
                foreach (var match in overdue)
                    match.Expire(now);
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    await GuaranteeCover.WithdrawUnusedAsync(db, overdue, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    expired += overdue.Count;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // A bank answered one of these meanwhile: its answer stands; the rest are taken again on the next pass.
                }
                db.ChangeTracker.Clear();
            }
            if (expired > 0)
                LogExpired(logger, expired);
            return expired;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(ExpireUnansweredMatches), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Expired {Count} matches their banks did not answer in time"
    )]
    private static partial void LogExpired(ILogger logger, int count);
}
