using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeStatus = FinanceMatch.Core.Guarantees.GuaranteeStatus;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// The daily round over guarantees: one whose loan was settled or recovered is released and gives its capacity back to
/// its product. Each chunk is one transaction (the guarantees and their products' committed sums together).
/// </summary>
public static partial class ReleaseSettledGuarantees
{
    public const string RecurringJobId = "release-settled-guarantees";
    private const int ChunkSize = 500;

    /// <summary>Chunks a round may retry after losing to a concurrent change before it leaves the rest for tomorrow.</summary>
    private const int MaxConflicts = 5;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            int released = 0,
                conflicts = 0;
            while (true)
            {
                var due = await (
                    from g in db.Guarantees
                    join l in db.Loans on g.LoanId equals l.Id
                    where
                        g.Status == DomainGuaranteeStatus.Active
                        && (l.Status == DomainLoanStatus.Settled || l.Status == DomainLoanStatus.Recovered)
                    orderby g.Id
                    select g
                )
                    .Take(ChunkSize)
                    .ToListAsync(cancellationToken);
                if (due.Count == 0)
                    break;
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var freed = due.Select(g => (g.GuaranteeProductId, Amount: g.Release(now))).ToList();
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var product in freed.GroupBy(f => f.GuaranteeProductId))
                        await GuaranteeCover.ReturnAsync(
                            db,
                            product.Key,
                            product.Sum(f => f.Amount),
                            cancellationToken
                        );
                    await transaction.CommitAsync(cancellationToken);
                    released += due.Count;
                }
                catch (DbUpdateConcurrencyException) when (++conflicts <= MaxConflicts)
                {
                    // One of these changed meanwhile: the chunk rolled back; the next pass reads again.
                }
                db.ChangeTracker.Clear();
            }
            if (released > 0)
                LogReleased(logger, released);
            return released;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(ReleaseSettledGuarantees), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the guarantees of {Count} ended loans")]
    private static partial void LogReleased(ILogger logger, int count);
}
