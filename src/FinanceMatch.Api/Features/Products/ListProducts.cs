using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;
using DomainProductStatus = FinanceMatch.Core.Products.ProductStatus;

namespace FinanceMatch.Api.Features.Products;

/// <summary>
/// The public catalogue: published products only, cheapest first, filtered by what a firm would ask; with
/// <c>eligibleFor=me</c> (a firm's token), the products that firm passes, best fit first (ListEligibleProducts).
/// </summary>
public static class ListProducts
{
    public sealed record Query(
        decimal? Amount,
        int? TermMonths,
        DomainGuaranteeType? GuaranteeType,
        Guid? InstitutionId,
        string? Tag,
        int Page,
        int PageSize
    ) : IRequest<Paged<ProductDto>>, IPagedQuery;

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
            var products = db.Products.AsNoTracking().Where(p => p.Status == DomainProductStatus.Published);
            if (query.Amount is { } amount)
                products = products.Where(p => p.MinAmount <= amount && p.MaxAmount >= amount);
            if (query.TermMonths is { } term)
                products = products.Where(p => p.MinTermMonths <= term && p.MaxTermMonths >= term);
            if (query.GuaranteeType is { } guarantee)
                products = products.Where(p => p.GuaranteeTypes.Contains(guarantee));
            if (query.InstitutionId is { } institutionId)
                products = products.Where(p => p.InstitutionId == institutionId);
            if (!string.IsNullOrWhiteSpace(query.Tag))
            {
                var tag = query.Tag.Trim();
                products = products.Where(p => p.Tags.Contains(tag));
            }
            return await products
                .OrderBy(p => p.MinAnnualRate)
                .ThenBy(p => p.Id)
                .ToPageAsync(db, query, p => p.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<ProductDto>> Endpoint(
        ISender sender,
        Caller caller,
        CancellationToken ct,
        [System.ComponentModel.Description(
            "A firm's enterprise id: only products whose rules that firm passes now (the firm itself, or operators)."
        )]
            string? eligibleFor = null,
        [System.ComponentModel.Description("Only products that lend this amount, in yuan.")] decimal? amount = null,
        [System.ComponentModel.Description("Only products that lend for this many months.")] int? termMonths = null,
        [System.ComponentModel.Description("Only products that accept this kind of guarantee.")]
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.GuaranteeType))]
            string? guaranteeType = null,
        Guid? institutionId = null,
        [System.ComponentModel.Description("Only products carrying this tag.")] string? tag = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    )
    {
        if (eligibleFor is not null)
        {
            if (eligibleFor != "me")
                throw new ValidationException([
                    new ValidationFailure("eligibleFor", "eligibleFor takes one value: me."),
                ]);
            if (institutionId is not null || tag is not null)
                throw new ValidationException([
                    new ValidationFailure(
                        "eligibleFor",
                        "eligibleFor=me ranks every product the firm passes; it does not combine with institutionId or tag."
                    ),
                ]);
            return await sender.Send(
                new ListEligibleProducts.Query(
                    caller,
                    amount,
                    termMonths,
                    EnumText.ParseOptional<DomainGuaranteeType>(guaranteeType, "guaranteeType"),
                    page,
                    pageSize
                ),
                ct
            );
        }
        return await sender.Send(
            new Query(
                amount,
                termMonths,
                EnumText.ParseOptional<DomainGuaranteeType>(guaranteeType, "guaranteeType"),
                institutionId,
                tag,
                page,
                pageSize
            ),
            ct
        );
    }
}
