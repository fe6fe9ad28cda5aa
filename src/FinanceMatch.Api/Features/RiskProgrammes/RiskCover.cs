using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainCoveredLoan = FinanceMatch.Core.RiskProgrammes.CoveredLoan;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainRiskEnrolment = FinanceMatch.Core.RiskProgrammes.RiskEnrolment;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>A loan paid out enrols in the programme that covers it, reserving its maximum payout against the budget.</summary>
public static class RiskCover
{
    /// <summary>
    /// Of the programmes valid on the disbursement day whose eligibility admits the loan, the one paying the most (then the
    /// oldest) that still has the exposure available; none when none has. Runs in the caller's transaction: the
    /// reservation is one conditional UPDATE (<c>budget - reserved - paid &gt;= exposure</c>), which PostgreSQL re-checks
    /// after any concurrent reservation of the same programme commits, so two disbursements never both take the last of
    /// a budget.
    /// </summary>
    public static async Task<DomainRiskEnrolment?> EnrolAsync(
        FinanceMatchDbContext db,
        DomainLoan loan,
        DomainCoveredLoan facts,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var on = loan.DisbursedOn;
        var valid = await db
            .RiskProgrammes.AsNoTracking()
            .Where(p => p.ValidFrom <= on && p.ValidTo >= on)
            .ToListAsync(ct);
        var candidates = valid
            .Where(p => p.Covers(facts, on) && p.ExposureOf(loan.Amount) > 0)
            .OrderByDescending(p => p.ExposureOf(loan.Amount))
            .ThenBy(p => p.CreatedAt);
        foreach (var programme in candidates)
        {
            var exposure = programme.ExposureOf(loan.Amount);
            var reserved = await db
                .RiskProgrammes.Where(p => p.Id == programme.Id && p.Budget - p.Reserved - p.Paid >= exposure)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved + exposure), ct);
            if (reserved == 0)
                continue;
            var enrolment = DomainRiskEnrolment.Of(loan.Id, programme.Id, exposure, now);
            db.RiskEnrolments.Add(enrolment);
            db.Ledger.Add(
                DomainLedgerEntry.ForProgramme(
                    programme.Id,
                    loan.Id,
                    null,
                    DomainLedgerEntryKind.Reservation,
                    exposure,
                    now
                )
            );
            return enrolment;
        }
        return null;
    }
}
