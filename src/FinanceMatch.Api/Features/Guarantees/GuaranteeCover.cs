using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainApplicant = FinanceMatch.Core.Matching.Applicant;
using DomainGuarantee = FinanceMatch.Core.Guarantees.Guarantee;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;
using DomainGuaranteeProductStatus = FinanceMatch.Core.Guarantees.GuaranteeProductStatus;
using DomainGuaranteeStatus = FinanceMatch.Core.Guarantees.GuaranteeStatus;
using DomainGuaranteeTerms = FinanceMatch.Core.Guarantees.GuaranteeTerms;
using DomainLoanAsk = FinanceMatch.Core.Matching.LoanAsk;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// Guarantee products' part in other areas' work: which one covers a request (the matching run), and the capacity a
/// guarantee holds, taken and given back in the caller's transaction.
/// </summary>
public static class GuaranteeCover
{
    /// <summary>
    /// Of the published guarantee products of guarantors and insurers whose rules admit the firm and the amount and whose
    /// capacity has room for it, the one covering the largest share, then the cheapest, then the oldest; none when none
    /// does. Guarantee products are few (each guarantor offers a handful), so they are read whole and checked here.
    /// </summary>
    public static async Task<(DomainGuaranteeProduct Product, DomainGuaranteeTerms Terms)?> BestForAsync(
        FinanceMatchDbContext db,
        DomainLoanAsk ask,
        DomainApplicant firm,
        CancellationToken ct
    )
    {
        var published = await (
            from p in db.GuaranteeProducts.AsNoTracking()
            join i in db.Institutions on p.InstitutionId equals i.Id
            where p.Status == DomainGuaranteeProductStatus.Published && i.Kind != Core.Institutions.InstitutionKind.Bank
            select p
        ).ToListAsync(ct);
        return published
            .Select(p => (Product: p, Terms: p.ReadTerms()))
            .Where(c => c.Product.Committed + ask.Amount <= c.Terms.Capacity)
            .Where(c => c.Terms.Evaluate(ask, firm).All(check => check.Passed))
            .OrderByDescending(c => c.Terms.CoverageRatio)
            .ThenBy(c => c.Terms.AnnualFeeRate)
            .ThenBy(c => c.Product.PublishedAt)
            .ThenBy(c => c.Product.Id)
            .Select(c => ((DomainGuaranteeProduct, DomainGuaranteeTerms)?)(c.Product, c.Terms))
            .FirstOrDefault();
    }

    /// <summary>
    /// Holds <paramref name="amount"/> of the product's capacity, or 409 when what its guarantees hold leaves no room (or
    /// the product was withdrawn).
    /// One conditional UPDATE, which PostgreSQL re-checks after a concurrent hold of the same product commits, so two
    /// approvals never both take the last of a capacity.
    /// </summary>
    public static async Task HoldAsync(FinanceMatchDbContext db, Guid productId, decimal amount, CancellationToken ct)
    {
        var held = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE financematch.guarantee_products SET committed = committed + {amount}
            WHERE id = {productId} AND status = 'Published' AND committed + {amount} <= (terms ->> 'capacity')::numeric
            """,
            ct
        );
        if (held != 1)
            throw new ConflictException(
                "The guarantee product was withdrawn, or its capacity is taken up by the guarantees it already holds; it cannot cover this loan now."
            );
    }

    /// <summary>Gives <paramref name="amount"/> back to the product's capacity.</summary>
    public static async Task ReturnAsync(FinanceMatchDbContext db, Guid productId, decimal amount, CancellationToken ct)
    {
        if (amount <= 0)
            return;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE financematch.guarantee_products SET committed = committed - {amount} WHERE id = {productId}",
            ct
        );
    }

    /// <summary>
    /// The request's guarantee is not needed any more (the request was cancelled, or the firm took an offer that does
    /// not rely on it): withdrawn, its capacity given back. Nothing when it has none, or none still pending or approved.
    /// Tracked: the caller's SaveChanges settles it on its row version, in the caller's transaction.
    /// </summary>
    public static async Task WithdrawForRequestAsync(
        FinanceMatchDbContext db,
        Guid loanRequestId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var guarantee = await db.Guarantees.SingleOrDefaultAsync(
            g =>
                g.LoanRequestId == loanRequestId
                && (g.Status == DomainGuaranteeStatus.Pending || g.Status == DomainGuaranteeStatus.Approved),
            ct
        );
        if (guarantee is null)
            return;
        var freed = guarantee.Withdraw(now);
        await ReturnAsync(db, guarantee.GuaranteeProductId, freed, ct);
    }

    /// <summary>
    /// Matches relying on a guarantee are closing (a bank declined, or did not answer in time): a guarantee that no open
    /// or accepted offer relies on any more is withdrawn and gives its capacity back, and its guarantor's access to the
    /// firm's report ends with it. Tracked, in the caller's transaction, settled by its SaveChanges like the matches.
    /// </summary>
    public static async Task WithdrawUnusedAsync(
        FinanceMatchDbContext db,
        IReadOnlyCollection<Core.Matching.Match> closing,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var guaranteeIds = closing.Where(m => m.GuaranteeId is not null).Select(m => m.GuaranteeId!.Value).Distinct();
        var closingIds = closing.Select(m => m.Id).ToArray();
        foreach (var guaranteeId in guaranteeIds.ToList())
        {
            var stillRelied = await db.Matches.AnyAsync(
                m =>
                    m.GuaranteeId == guaranteeId
                    && !closingIds.Contains(m.Id)
                    && (
                        m.Status == Core.Matching.MatchStatus.Pending
                        || m.Status == Core.Matching.MatchStatus.UnderReview
                        || m.Status == Core.Matching.MatchStatus.Approved
                        || m.Status == Core.Matching.MatchStatus.Accepted
                    ),
                ct
            );
            if (stillRelied)
                continue;
            var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId, ct);
            if (guarantee.Status is not (DomainGuaranteeStatus.Pending or DomainGuaranteeStatus.Approved))
                continue;
            var freed = guarantee.Withdraw(now);
            await ReturnAsync(db, guarantee.GuaranteeProductId, freed, ct);
        }
    }

    /// <summary>Whether an open offer still relies on this guarantee (one the firm could still take).</summary>
    public static Task<bool> IsReliedOnAsync(FinanceMatchDbContext db, Guid guaranteeId, CancellationToken ct) =>
        db.Matches.AnyAsync(
            m =>
                m.GuaranteeId == guaranteeId
                && (
                    m.Status == Core.Matching.MatchStatus.Pending
                    || m.Status == Core.Matching.MatchStatus.UnderReview
                    || m.Status == Core.Matching.MatchStatus.Approved
                ),
            ct
        );

    /// <summary>The guarantee a match relies on, tracked.</summary>
    public static Task<DomainGuarantee> OfMatchAsync(
        FinanceMatchDbContext db,
        Guid guaranteeId,
        CancellationToken ct
    ) => db.Guarantees.SingleAsync(g => g.Id == guaranteeId, ct);
}
