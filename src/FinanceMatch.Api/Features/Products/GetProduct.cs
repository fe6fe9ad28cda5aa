using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Products;

public static class GetProduct
{
    public sealed record Query(Guid ProductId, Caller Caller) : IRequest<ProductDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, ProductDto>
    {
        public async ValueTask<ProductDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var product = await db
                .Products.AsNoTracking()
                .SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken);
            if (product is null || !product.IsVisibleTo(query.Caller))
                throw new NotFoundException("No product has this id.");
            return product.ToDto();
        }
    }

    internal static async Task<ProductDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
