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
/// <see cref="Core.Policies.PolicyEnrolment.ClaimWindowDays"/> days (never what a submitted claim holds). One
/// transaction for up to 1,000 enrolments: enrolments (by their row versions), the policies' reserved sums and the
/// fund-ledger entries together; a round that loses to a concurrent claim decision rolls back and runs again tomorrow.
/// </summary>
public static partial class ReleasePolicyReservations
{
    public const string RecurringJobId = "release-policy-reservations";

    public sealed record Command : IRequest<int>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var candidates = await (
                from e in db.PolicyEnrolments
                join l in db.Loans on e.LoanId equals l.Id
                join p in db.Policies on e.PolicyId equals p.Id
                where e.Status == DomainPolicyEnrolmentStatus.Active && (l.EndedOn != null || l.DefaultedOn != null)
                orderby e.LoanId, e.PolicyId
                select new
                {
                    Enrolment = e,
                    Policy = p,
                    EndedOn = l.DefaultedOn ?? l.EndedOn,
                    MonthsPaid = db.LoanPerformance.Count(r =>
                        r.LoanId == l.Id
                        && (r.Status == DomainLoanStatus.Repaying || r.Status == DomainLoanStatus.Settled)
                    ),
                    Pending = db.SubsidyClaims.Where(c =>
                            c.LoanId == e.LoanId && c.PolicyId == e.PolicyId && c.Status == DomainClaimStatus.Submitted
                        )
                        .Sum(c => (decimal?)c.Amount)
                        ?? 0,
                }
            )
                .Take(1000)
                .ToListAsync(ct);
            var releases = candidates
                .Select(c =>
                    (
                        c.Enrolment,
                        Amount: c.Enrolment.ReleaseAfterEnd(
                            c.Policy.AccruedAfter(c.Enrolment.Entitlement, c.MonthsPaid),
                            c.Pending,
                            today.DayNumber - c.EndedOn!.Value.DayNumber,
                            now
                        )
                    )
                )
                .Where(r => r.Amount > 0)
                .ToList();
            if (releases.Count == 0)
                return 0;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            foreach (var policy in releases.GroupBy(r => r.Enrolment.PolicyId))
            {
                var sum = policy.Sum(r => r.Amount);
                var moved = await db
                    .Policies.Where(p => p.Id == policy.Key && p.Reserved >= sum)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved - sum), ct);
                if (moved != 1)
                    throw new DbUpdateConcurrencyException("The policy's reservations moved meanwhile.");
                foreach (var (enrolment, amount) in policy)
                    db.Ledger.Add(
                        DomainLedgerEntry.ForPolicy(
                            policy.Key,
                            enrolment.LoanId,
                            null,
                            DomainLedgerEntryKind.Release,
                            amount,
                            now
                        )
                    );
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogReleased(logger, releases.Count, releases.Sum(r => r.Amount));
            return releases.Count;
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
