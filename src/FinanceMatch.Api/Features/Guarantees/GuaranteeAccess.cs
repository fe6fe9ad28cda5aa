using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainGuarantee = FinanceMatch.Core.Guarantees.Guarantee;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;
using DomainGuaranteeProductStatus = FinanceMatch.Core.Guarantees.GuaranteeProductStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// Who may do what with guarantee products and guarantees: guarantors and insurers draft and offer their own products;
/// published ones are public; drafts and withdrawn ones are their institution's (and operators'). A guarantee is decided
/// by its guarantor and claimed on by the bank whose loan it covers; anyone else's is 404.
/// </summary>
internal static class GuaranteeAccess
{
    /// <summary>The calling institution, if it guarantees loans; a bank (which lends instead) is refused.</summary>
    public static async Task<Guid> RequireGuarantorAsync(FinanceMatchDbContext db, Caller caller, CancellationToken ct)
    {
        var institution =
            await db.Institutions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == caller.SubjectId, ct)
            ?? throw new ForbiddenException("The institution no longer exists.");
        if (!institution.Guarantees)
            throw new ForbiddenException(
                "Guarantee products are published by guarantors and insurers; banks publish loan products."
            );
        return institution.Id;
    }

    /// <summary>A guarantee product of the calling institution, tracked; any other is not found.</summary>
    public static async Task<DomainGuaranteeProduct> FindOwnAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid id,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.GuaranteeProducts.SingleOrDefaultAsync(p => p.Id == id && p.InstitutionId == institutionId, ct)
            ?? throw new NotFoundException("This institution has no guarantee product with this id.");
    }

    /// <summary>Whether the caller is this guarantor or an operator: who sees a product's committed capacity.</summary>
    public static bool Manages(Caller caller, Guid institutionId) =>
        caller.Is(DomainRole.Operator) || (caller.Is(DomainRole.Bank) && caller.SubjectId == institutionId);

    /// <summary>The products a caller may see: published ones; also its own (an institution) or all (operators).</summary>
    public static IQueryable<DomainGuaranteeProduct> VisibleTo(
        this IQueryable<DomainGuaranteeProduct> products,
        Caller caller
    )
    {
        if (caller.Is(DomainRole.Operator))
            return products;
        var subject = caller.Is(DomainRole.Bank) ? caller.SubjectId : Guid.Empty;
        return products.Where(p => p.Status == DomainGuaranteeProductStatus.Published || p.InstitutionId == subject);
    }

    private static readonly Core.Matching.MatchStatus[] CoveredStatuses =
    [
        .. Core.Matching.Match.ConsentCoveredStatuses,
    ];

    /// <summary>
    /// The guarantees a caller may see: a guarantor its own, a bank those its matches rely on while the match is in play
    /// (as the request's consent covers it: a declined, withdrawn or expired match ends it), a firm its own, operators all.
    /// </summary>
    public static IQueryable<DomainGuarantee> VisibleTo(
        this IQueryable<DomainGuarantee> guarantees,
        FinanceMatchDbContext db,
        Caller caller
    )
    {
        if (caller.Is(DomainRole.Operator))
            return guarantees;
        var subject = caller.SubjectId;
        if (caller.Is(DomainRole.Bank))
            return guarantees.Where(g =>
                g.InstitutionId == subject
                || db.Matches.Any(m =>
                    m.GuaranteeId == g.Id && m.InstitutionId == subject && CoveredStatuses.Contains(m.Status)
                )
            );
        if (caller.Is(DomainRole.Enterprise))
            return guarantees.Where(g => g.EnterpriseId == subject);
        return guarantees.Where(_ => false);
    }

    /// <summary>A guarantee the calling guarantor gives, tracked; any other is not found.</summary>
    public static async Task<DomainGuarantee> FindForGuarantorAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid id,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.Guarantees.SingleOrDefaultAsync(g => g.Id == id && g.InstitutionId == institutionId, ct)
            ?? throw new NotFoundException("This institution gives no guarantee with this id.");
    }

    /// <summary>A guarantee covering a loan of the calling bank, tracked; any other is not found.</summary>
    public static async Task<DomainGuarantee> FindForLenderAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid id,
        CancellationToken ct
    )
    {
        var institutionId = caller.SubjectId;
        return await db.Guarantees.SingleOrDefaultAsync(
                g => g.Id == id && db.Loans.Any(l => l.Id == g.LoanId && l.InstitutionId == institutionId),
                ct
            ) ?? throw new NotFoundException("No loan of this institution is covered by a guarantee with this id.");
    }
}
