using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Products;

/// <summary>The terms of one version, for whoever may see the product (a match names the version it was made from).</summary>
public static class GetProductVersion
{
    public sealed record Query(Guid ProductId, int Version, Caller Caller) : IRequest<ProductVersionDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, ProductVersionDto>
    {
        public async ValueTask<ProductVersionDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var product = await db
                .Products.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken);
            var visible =
                product is not null
                && (
                    product.IsVisibleTo(query.Caller)
                    || await db.Matches.AnyAsync(
                        m =>
                            m.ProductId == query.ProductId
                            && m.ProductVersion == query.Version
                            && (m.EnterpriseId == query.Caller.SubjectId || m.InstitutionId == query.Caller.SubjectId),
                        cancellationToken
                    )
                );
            var version = visible
                ? await db
                    .ProductVersions.AsNoTracking()
                    .SingleOrDefaultAsync(
                        v => v.ProductId == query.ProductId && v.Version == query.Version,
                        cancellationToken
                    )
                : null;
            if (version is null)
                throw new NotFoundException("No version of a visible product has this number.");
            var terms = version.ReadTerms();
            return new ProductVersionDto(
                version.ProductId,
                version.Version,
                terms.Name,
                terms.MinAmount,
                terms.MaxAmount,
                terms.MinTermMonths,
                terms.MaxTermMonths,
                terms.MinAnnualRate,
                terms.MaxAnnualRate,
                terms.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(),
                version.CreatedAt
            );
        }
    }

    internal static async Task<ProductVersionDto> Endpoint(
        Guid id,
        int version,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(id, version, caller), ct);
}
