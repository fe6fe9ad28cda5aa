using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainProduct = FinanceMatch.Core.Products.Product;
using DomainProductStatus = FinanceMatch.Core.Products.ProductStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Products;

/// <summary>Who may see and change a product: published ones everyone, the others their bank and operators.</summary>
internal static class ProductAccess
{
    /// <summary>Drafts and withdrawn products exist only for their own bank and operators; published ones for everyone.</summary>
    public static bool IsVisibleTo(this DomainProduct p, Caller caller) =>
        p.Status == DomainProductStatus.Published
        || caller.Is(DomainRole.Operator)
        || caller.IsParty(DomainRole.Bank, p.InstitutionId);

    /// <summary>A bank's own product, tracked for a change; another bank's is not found.</summary>
    public static async Task<Core.Products.Product> FindOwnAsync(
        FinanceMatchDbContext db,
        Guid institutionId,
        Guid productId,
        CancellationToken ct
    ) =>
        await db.Products.SingleOrDefaultAsync(p => p.Id == productId && p.InstitutionId == institutionId, ct)
        ?? throw new NotFoundException("This institution has no product with this id.");

    /// <summary>
    /// A product targets (or discounts) only lists shared with its bank (422 naming the others): otherwise its matches
    /// would tell the bank who is on a list it may not see.
    /// </summary>
    public static async Task EnsureListsSharedAsync(
        FinanceMatchDbContext db,
        Guid institutionId,
        Core.Products.ProductTerms terms,
        CancellationToken ct
    )
    {
        foreach (
            var (field, lists) in new[]
            {
                ("eligibility.lists", terms.Eligibility.RequiredLists),
                ("listTerms.lists", terms.ListTerms?.Lists ?? []),
            }
        )
        {
            var unknown = await Lists.ListAccess.NotSharedWithAsync(db, institutionId, lists.ToList(), ct);
            if (unknown.Count > 0)
                throw UnprocessableException.For(
                    field,
                    $"No list shared with your bank has the id {string.Join(", ", unknown)}."
                );
        }
    }
}
