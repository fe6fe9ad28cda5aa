using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainProductStatus = FinanceMatch.Core.Products.ProductStatus;

namespace FinanceMatch.Api.Features.Products;

/// <summary>A bank's own products in every state, newest first.</summary>
public static class ListOwnProducts
{
    public sealed record Query(Guid InstitutionId, DomainProductStatus? Status, int Page, int PageSize)
        : IRequest<Paged<ProductDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ProductDto>>
    {
        public async ValueTask<Paged<ProductDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.Products.AsNoTracking().Where(p => p.InstitutionId == query.InstitutionId);
            if (query.Status is { } status)
                products = products.Where(p => p.Status == status);
            return await products
                .OrderByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .ToPageAsync(db, query, p => p.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<ProductDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ProductStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller.SubjectId, EnumText.ParseOptional<DomainProductStatus>(status, "status"), page, pageSize),
            ct
        );
}
