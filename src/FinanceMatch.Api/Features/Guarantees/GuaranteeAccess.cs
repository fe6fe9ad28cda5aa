using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeProduct = FinanceMatch.Core.Guarantees.GuaranteeProduct;
using DomainGuaranteeProductStatus = FinanceMatch.Core.Guarantees.GuaranteeProductStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>
/// Who may do what with guarantee products: guarantors and insurers draft and offer their own; published ones are
/// public; drafts and withdrawn ones are their institution's (and operators'), anyone else's 404.
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
}
