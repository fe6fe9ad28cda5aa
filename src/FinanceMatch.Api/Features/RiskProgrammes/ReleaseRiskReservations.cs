using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;
using DomainEnrolmentStatus = FinanceMatch.Core.RiskProgrammes.EnrolmentStatus;
using DomainLedgerEntryKind = FinanceMatch.Core.RiskProgrammes.LedgerEntryKind;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;
using DomainRiskEnrolment = FinanceMatch.Core.RiskProgrammes.RiskEnrolment;
using DomainRiskLedgerEntry = FinanceMatch.Core.RiskProgrammes.RiskLedgerEntry;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// The daily round over the programmes' reservations: a loan that was settled or recovered gives its reservation back,
/// and so does a defaulted one whose claim window closed with no claim submitted or approved (the cover lapses). Each
/// chunk is one transaction (the enrolments, the programmes' reserved sums and the ledger entries together); an enrolment
/// a claim decision changes meanwhile loses on its row version and is taken again the next day.
/// </summary>
public static partial class ReleaseRiskReservations
{
    public const string RecurringJobId = "release-risk-reservations";
    private const int ChunkSize = 500;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var released = 0;
            while (true)
            {
                var candidates = await (
                    from e in db.RiskEnrolments
                    join l in db.Loans on e.LoanId equals l.Id
                    join p in db.RiskProgrammes on e.ProgrammeId equals p.Id
                    where
                        e.Status == DomainEnrolmentStatus.Active
                        && (
                            l.Status == DomainLoanStatus.Settled
                            || l.Status == DomainLoanStatus.Recovered
                            || (
                                l.DefaultedOn != null
                                && l.DefaultedOn.Value.AddDays(p.ClaimWindowDays) < today
                                && !db.RiskClaims.Any(c =>
                                    c.LoanId == e.LoanId
                                    && (
                                        c.Status == DomainClaimStatus.Submitted
                                        || c.Status == DomainClaimStatus.Approved
                                    )
                                )
                            )
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
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    foreach (var programme in due.GroupBy(c => c.Programme.Id))
                    {
                        var sum = 0m;
                        foreach (var c in programme)
                        {
                            var amount = c.Enrolment.Release(now);
                            sum += amount;
                            if (amount > 0)
                                db.RiskLedger.Add(
                                    DomainRiskLedgerEntry.Of(
                                        programme.Key,
                                        c.Loan.Id,
                                        null,
                                        DomainLedgerEntryKind.Release,
                                        amount,
                                        now
                                    )
                                );
                        }
                        await db
                            .RiskProgrammes.Where(p => p.Id == programme.Key)
                            .ExecuteUpdateAsync(
                                s => s.SetProperty(p => p.Reserved, p => p.Reserved - sum),
                                cancellationToken
                            );
                    }
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                        released += due.Count;
                    }
                    catch (DbUpdateConcurrencyException)
                    {
                        // A claim was decided on one of these meanwhile: the chunk rolls back and waits for tomorrow.
                        break;
                    }
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
