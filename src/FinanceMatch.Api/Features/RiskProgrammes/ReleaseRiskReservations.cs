using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;
using DomainEnrolmentStatus = FinanceMatch.Core.RiskProgrammes.EnrolmentStatus;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;
using DomainRiskEnrolment = FinanceMatch.Core.RiskProgrammes.RiskEnrolment;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// The daily round over the programmes' reservations: a loan that was settled or recovered gives its reservation back,
/// and so does a defaulted one whose claim window closed; never while a claim on it is submitted or approved (its
/// department decides it first). Each chunk is one transaction (the enrolments, the programmes' reserved sums and the
/// ledger entries together); a chunk that loses to a concurrent claim decision on an enrolment's row version rolls back
/// and is read again.
/// </summary>
public static partial class ReleaseRiskReservations
{
    public const string RecurringJobId = "release-risk-reservations";
    private const int ChunkSize = 500;

    /// <summary>Chunks a round may retry after losing to a concurrent claim decision before it leaves the rest for tomorrow.</summary>
    private const int MaxConflicts = 5;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            int released = 0,
                conflicts = 0;
            while (true)
            {
                var candidates = await (
                    from e in db.RiskEnrolments
                    join l in db.Loans on e.LoanId equals l.Id
                    join p in db.RiskProgrammes on e.ProgrammeId equals p.Id
                    where
                        e.Status == DomainEnrolmentStatus.Active
                        && !db.RiskClaims.Any(c =>
                            c.LoanId == e.LoanId
                            && (c.Status == DomainClaimStatus.Submitted || c.Status == DomainClaimStatus.Approved)
                        )
                        && (
                            l.Status == DomainLoanStatus.Settled
                            || l.Status == DomainLoanStatus.Recovered
                            || (l.DefaultedOn != null && l.DefaultedOn.Value.AddDays(p.ClaimWindowDays) < today)
                        )
                    orderby e.LoanId
                    select new
                    {
                        Enrolment = e,
                        Loan = l,
                        Programme = p,
                    }
                )
                    .Take(ChunkSize)
                    .ToListAsync(cancellationToken);
                if (candidates.Count == 0)
                    break;
                // The query above is the rule of RiskEnrolment.IsDue in SQL; the rule itself has the last word.
                var due = candidates
                    .Where(c => DomainRiskEnrolment.IsDue(c.Loan, c.Programme, claimInPlay: false, today))
                    .ToList();
                if (due.Count == 0)
                    break;
                try
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var amounts = due.ToDictionary(c => c.Loan.Id, c => c.Enrolment.Release(now));
                    // The enrolments' row versions decide first: one a claim decision changed meanwhile fails the chunk
                    // (409-like) before any money moved, and the next pass takes the rest.
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var programme in due.GroupBy(c => c.Programme.Id))
                    {
                        var sum = programme.Sum(c => amounts[c.Loan.Id]);
                        var moved = await db
                            .RiskProgrammes.Where(p => p.Id == programme.Key && p.Reserved >= sum)
                            .ExecuteUpdateAsync(
                                s => s.SetProperty(p => p.Reserved, p => p.Reserved - sum),
                                cancellationToken
                            );
                        if (moved != 1)
                            throw new DbUpdateConcurrencyException("The programme's reservations moved meanwhile.");
                        foreach (var c in programme.Where(c => amounts[c.Loan.Id] > 0))
                            db.Ledger.Add(
                                DomainLedgerEntry.ForProgramme(
                                    programme.Key,
                                    c.Loan.Id,
                                    null,
                                    DomainLedgerEntryKind.Release,
                                    amounts[c.Loan.Id],
                                    now
                                )
                            );
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    released += due.Count;
                }
                catch (DbUpdateConcurrencyException) when (++conflicts <= MaxConflicts)
                {
                    // A claim was decided on one of these meanwhile: the chunk rolled back; the next pass reads again.
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
            exclusive.RunAsync(nameof(ReleaseRiskReservations), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released the risk reservations of {Count} loans")]
    private static partial void LogReleased(ILogger logger, int count);
}
