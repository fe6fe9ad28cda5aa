using FinanceMatch.Core.Data;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Policies;
using Microsoft.EntityFrameworkCore;
using DomainLedgerEntry = FinanceMatch.Core.Funds.LedgerEntry;
using DomainLedgerEntryKind = FinanceMatch.Core.Funds.LedgerEntryKind;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainProduct = FinanceMatch.Core.Products.Product;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// Policies and loans meeting: which policies apply to the matches of a request (matching), and at disbursement the
/// reservation of what each is worth on the loan against its budget (one conditional UPDATE per policy, as for risk
/// programmes, in the disbursement's transaction).
/// </summary>
public static class PolicyCover
{
    /// <summary>Policies valid today with budget left, i.e. the ones that can still pay on a new loan.</summary>
    public static Task<List<Policy>> OpenAsync(FinanceMatchDbContext db, DateOnly today, CancellationToken ct) =>
        db
            .Policies.AsNoTracking()
            .Where(p => p.ValidFrom <= today && p.ValidTo >= today && p.Budget - p.Reserved - p.Paid > 0)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(ct);

    /// <summary>Whether a loan now would be the firm's first on the platform (the bank says so for good at disbursement).</summary>
    public static async Task<bool> FirstLoanAsync(FinanceMatchDbContext db, Guid enterpriseId, CancellationToken ct) =>
        !await db.Loans.AnyAsync(l => l.EnterpriseId == enterpriseId, ct);

    /// <summary>The facts a policy reads of a firm, from what the matching engine knows of it.</summary>
    public static PolicyApplicant ApplicantOf(
        Applicant firm,
        bool firstLoan,
        IReadOnlyCollection<string>? tags = null
    ) => new(firm.DivisionCode, firm.IndustryCode, firm.Grade, firm.OnLists, firstLoan, tags);

    /// <summary>Records on each new match the open policies whose every rule its firm and product pass.</summary>
    public static async Task ApplyToAsync(
        FinanceMatchDbContext db,
        IReadOnlyList<(DomainMatch Match, DomainProduct Product)> matches,
        Applicant firm,
        Guid enterpriseId,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (matches.Count == 0)
            return;
        var open = await OpenAsync(db, today, ct);
        if (open.Count == 0)
            return;
        var firstLoan = await FirstLoanAsync(db, enterpriseId, ct);
        foreach (var (match, product) in matches)
        {
            var applicant = ApplicantOf(firm, firstLoan, product.Tags);
            match.WithPolicies(open.Where(p => p.Admits(applicant)).Select(p => p.Id));
        }
    }

    /// <summary>
    /// At disbursement: each policy recorded on the match that is valid on the disbursement day and worth something on the
    /// loan reserves that much, if its budget still holds it; the loan carries the policies that did. A policy whose
    /// budget ran out meanwhile pays nothing on this loan (the match said it applied; the budget decides).
    /// </summary>
    public static async Task EnrolAsync(
        FinanceMatchDbContext db,
        DomainLoan loan,
        DomainMatch match,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (match.PolicyIds.Count == 0)
            return;
        var ids = match.PolicyIds;
        var policies = await db.Policies.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var facts = new SubsidisedLoan(
            loan.Amount,
            loan.AnnualRate,
            loan.TermMonths,
            loan.FirstLoan,
            match.GuaranteeFeeRate
        );
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (facts.FirstLoan && policies.Any(p => p.Kind == PolicyKind.FirstLoanBonus))
        {
            // A first-loan bonus goes to a firm's first loan on the platform, whatever the bank says: two disbursements
            // for one firm wait for each other here, and the second finds the first.
            await Infrastructure.Sql.ExecuteAsync(
                (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(),
                "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 18))",
                ct,
                loan.EnterpriseId
            );
            if (await db.Loans.AnyAsync(l => l.EnterpriseId == loan.EnterpriseId && l.Id != loan.Id, ct))
                facts = facts with { FirstLoan = false };
        }
        var enrolled = new List<Guid>();
        // Valid on the day the loan was paid out, and today: a bank cannot date a disbursement into an ended policy.
        foreach (
            var policy in policies
                .Where(p => p.IsValidOn(loan.DisbursedOn) && p.IsValidOn(today))
                .OrderBy(p => p.CreatedAt)
        )
        {
            var worth = policy.EntitlementOf(facts);
            if (worth <= 0)
                continue;
            var reserved = await db
                .Policies.Where(p => p.Id == policy.Id && p.Budget - p.Reserved - p.Paid >= worth)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Reserved, p => p.Reserved + worth), ct);
            if (reserved == 0)
                continue;
            db.PolicyEnrolments.Add(PolicyEnrolment.Of(loan.Id, policy.Id, worth, now));
            db.Ledger.Add(
                DomainLedgerEntry.ForPolicy(policy.Id, loan.Id, null, DomainLedgerEntryKind.Reservation, worth, now)
            );
            enrolled.Add(policy.Id);
        }
        loan.Subsidised(enrolled);
    }
}
