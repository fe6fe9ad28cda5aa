using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Domain = FinanceMatch.Core.Products;

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
