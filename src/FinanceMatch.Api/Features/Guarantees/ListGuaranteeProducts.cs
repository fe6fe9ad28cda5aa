using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>Published guarantee products (public), and a guarantor's own drafts; of one institution if asked.</summary>
public static class ListGuaranteeProducts
{
    public sealed record Query(Caller Caller, Guid? InstitutionId, int Page, int PageSize)
        : IRequest<Paged<GuaranteeProductDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<GuaranteeProductDto>>
    {
        public async ValueTask<Paged<GuaranteeProductDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.GuaranteeProducts.AsNoTracking().VisibleTo(query.Caller);
            if (query.InstitutionId is { } institutionId)
                products = products.Where(p => p.InstitutionId == institutionId);
            return await products
                .OrderByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .ToPageAsync(db, query, p => p.ToDto(query.Caller), cancellationToken);
        }
    }

    internal static async Task<Paged<GuaranteeProductDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        Guid? institutionId = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, institutionId, page, pageSize), ct);
}
