using System.Security.Claims;
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

/// <summary>The public catalogue: published products only, cheapest first, filtered by what a firm would ask.</summary>
public static class ListProducts
{
    public sealed record Query(decimal? Amount, int? TermMonths, Domain.GuaranteeType? GuaranteeType, Guid? InstitutionId, string? Tag,
        int Page, int PageSize) : IRequest<Paged<ProductDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new PageRules());
            RuleFor(q => q.Amount).GreaterThan(0);
            RuleFor(q => q.TermMonths).InclusiveBetween(1, 360);
            RuleFor(q => q.Tag).MaximumLength(50);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ProductDto>>
    {
        public async ValueTask<Paged<ProductDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.Products.AsNoTracking().Where(p => p.Status == Domain.ProductStatus.Published);
            if (query.Amount is { } amount) products = products.Where(p => p.MinAmount <= amount && p.MaxAmount >= amount);
            if (query.TermMonths is { } term) products = products.Where(p => p.MinTermMonths <= term && p.MaxTermMonths >= term);
            if (query.GuaranteeType is { } guarantee) products = products.Where(p => p.GuaranteeTypes.Contains(guarantee));
            if (query.InstitutionId is { } institutionId) products = products.Where(p => p.InstitutionId == institutionId);
            if (!string.IsNullOrWhiteSpace(query.Tag))
            {
                var tag = query.Tag.Trim();
                products = products.Where(p => p.Tags.Contains(tag));
            }
            return await products.OrderBy(p => p.MinAnnualRate).ThenBy(p => p.Id).ToPageAsync(db, query, p => p.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<ProductDto>> Endpoint(ISender sender, CancellationToken ct, decimal? amount = null, int? termMonths = null,
        string? guaranteeType = null, Guid? institutionId = null, string? tag = null, int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(amount, termMonths, EnumText.ParseOptional<Domain.GuaranteeType>(guaranteeType, "guaranteeType"),
            institutionId, tag, page, pageSize), ct);
}

/// <summary>A bank's own products in every state, newest first.</summary>
public static class ListOwnProducts
{
    public sealed record Query(Guid InstitutionId, Domain.ProductStatus? Status, int Page, int PageSize) : IRequest<Paged<ProductDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ProductDto>>
    {
        public async ValueTask<Paged<ProductDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.Products.AsNoTracking().Where(p => p.InstitutionId == query.InstitutionId);
            if (query.Status is { } status) products = products.Where(p => p.Status == status);
            return await products.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).ToPageAsync(db, query, p => p.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<ProductDto>> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct, string? status = null,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user.SubjectId(), EnumText.ParseOptional<Domain.ProductStatus>(status, "status"), page, pageSize), ct);
}

public static class GetProduct
{
    public sealed record Query(Guid ProductId, ClaimsPrincipal Caller) : IRequest<ProductDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, ProductDto>
    {
        public async ValueTask<ProductDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken);
            if (product is null || !product.IsVisibleTo(query.Caller)) throw new NotFoundException("No product has this id.");
            return product.ToDto();
        }
    }

    internal static async Task<ProductDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

/// <summary>The terms of one version, for whoever may see the product (a match names the version it was made from).</summary>
public static class GetProductVersion
{
    public sealed record Query(Guid ProductId, int Version, ClaimsPrincipal Caller) : IRequest<ProductVersionDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, ProductVersionDto>
    {
        public async ValueTask<ProductVersionDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken);
            var visible = product is not null && (product.IsVisibleTo(query.Caller)
                || await db.Matches.AnyAsync(m => m.ProductId == query.ProductId && m.ProductVersion == query.Version
                    && (m.EnterpriseId == query.Caller.SubjectIdOrEmpty() || m.InstitutionId == query.Caller.SubjectIdOrEmpty()), cancellationToken));
            var version = visible
                ? await db.ProductVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ProductId == query.ProductId && v.Version == query.Version, cancellationToken)
                : null;
            if (version is null) throw new NotFoundException("No version of a visible product has this number.");
            var terms = version.ReadTerms();
            return new ProductVersionDto(version.ProductId, version.Version, terms.Name, terms.MinAmount, terms.MaxAmount, terms.MinTermMonths,
                terms.MaxTermMonths, terms.MinAnnualRate, terms.MaxAnnualRate,
                terms.GuaranteeTypes.Select(g => g.Map<GuaranteeType>()).ToList(), version.CreatedAt);
        }
    }

    internal static async Task<ProductVersionDto> Endpoint(Guid id, int version, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, version, user), ct);
}
