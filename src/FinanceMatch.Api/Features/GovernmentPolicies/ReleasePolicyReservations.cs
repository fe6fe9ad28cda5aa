using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;
using DomainLoanStatus = FinanceMatch.Core.Loans.LoanStatus;
using DomainPolicyEnrolmentStatus = FinanceMatch.Core.Policies.PolicyEnrolmentStatus;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// The daily round over policies' reservations: once a loan has ended (settled, defaulted, recovered, written off), what
/// it had not yet earned goes back to the budget at once, and what it earned but nobody claimed after
/// <see cref="Core.Policies.PolicyEnrolment.ClaimWindowDays"/> days (never what a submitted claim holds). Pages of up
/// to 1,000 enrolments by key, each one transaction: enrolments (by their row versions), the policies' reserved sums
/// and the fund-ledger entries together; a page that loses to a concurrent claim decision fails the round, which runs
/// again tomorrow.
/// </summary>
public static partial class ReleasePolicyReservations
{
    public const string RecurringJobId = "release-policy-reservations";
    private const int ChunkSize = 1000;

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            (Guid LoanId, Guid PolicyId) after = (Guid.Empty, Guid.Empty);
            int released = 0;
            decimal amount = 0;
            // Page by key, so enrolments with nothing to give back yet (earned, within the window) never block the rest.
            while (true)
            {
                var candidates = await (
                    from e in db.PolicyEnrolments
                    join l in db.Loans on e.LoanId equals l.Id
                    join p in db.Policies on e.PolicyId equals p.Id
                    where
                        e.Status == DomainPolicyEnrolmentStatus.Active
                        && (l.EndedOn != null || l.DefaultedOn != null)
                        && (
                            e.LoanId.CompareTo(after.LoanId) > 0
                            || (e.LoanId == after.LoanId && e.PolicyId.CompareTo(after.PolicyId) > 0)
                        )
                    orderby e.LoanId, e.PolicyId
                    select new
                    {
                        Enrolment = e,
                        Policy = p,
                        l.TermMonths,
                        EndedOn = l.DefaultedOn ?? l.EndedOn,
                        MonthsPaid = db.LoanPerformance.Count(r =>
                            r.LoanId == l.Id
                            && (r.Status == DomainLoanStatus.Repaying || r.Status == DomainLoanStatus.Settled)
                        ),
                        Pending = db.SubsidyClaims.Where(c =>
                                c.LoanId == e.LoanId
                                && c.PolicyId == e.PolicyId
                                && c.Status == DomainClaimStatus.Submitted
                            )
                            .Sum(c => (decimal?)c.Amount)
                            ?? 0,
                    }
                )
                    .Take(ChunkSize)
                    .ToListAsync(ct);
                if (candidates.Count == 0)
                    break;
                after = (candidates[^1].Enrolment.LoanId, candidates[^1].Enrolment.PolicyId);
                var releases = candidates
                    .Select(c =>
                        (
                            c.Enrolment,
                            Amount: c.Enrolment.ReleaseAfterEnd(
                                c.Policy.AccruedAfter(c.Enrolment.Entitlement, c.MonthsPaid, c.TermMonths),
                                c.Pending,
                                today.DayNumber - c.EndedOn!.Value.DayNumber,
                                now
                            )
                        )
                    )
                    .Where(r => r.Amount > 0)
                    .ToList();
                if (releases.Count > 0)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    // The enrolments' row versions first: one a claim decision changed meanwhile fails the round before
                    // any money moved; tomorrow's round reads it again.
                    await db.SaveChangesAsync(ct);
                    foreach (var policy in releases.GroupBy(r => r.Enrolment.PolicyId))
                    {
                        var sum = policy.Sum(r => r.Amount);
                        var moved = await db
                            .Policies.Where(p => p.Id == policy.Key && p.Reserved >= sum)
                            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved - sum), ct);
                        if (moved != 1)
                            throw new DbUpdateConcurrencyException("The policy's reservations moved meanwhile.");
                        foreach (var (enrolment, share) in policy)
                            db.Ledger.Add(
                                DomainLedgerEntry.ForPolicy(
                                    policy.Key,
                                    enrolment.LoanId,
                                    null,
                                    DomainLedgerEntryKind.Release,
                                    share,
                                    now
                                )
                            );
                    }
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    released += releases.Count;
                    amount += releases.Sum(r => r.Amount);
                }
                db.ChangeTracker.Clear();
            }
            if (released > 0)
                LogReleased(logger, released, amount);
            return released;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} policy reservations, {Amount} in all")]
    private static partial void LogReleased(ILogger logger, int count, decimal amount);

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(ReleasePolicyReservations), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
