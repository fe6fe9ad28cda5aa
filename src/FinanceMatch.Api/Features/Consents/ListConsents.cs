using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Consents;

public static class ListConsents
{
    public sealed record Query(Caller Caller, Guid EnterpriseId, int Page, int PageSize)
        : IRequest<Paged<ConsentDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Query, Paged<ConsentDto>>
    {
        public async ValueTask<Paged<ConsentDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            ConsentAccess.EnsureFirmOrOperator(query.Caller, query.EnterpriseId, write: false);
            var now = clock.GetUtcNow();
            return await db
                .Consents.AsNoTracking()
                .Where(c => c.EnterpriseId == query.EnterpriseId)
                .OrderByDescending(c => c.CreatedAt)
                .ThenByDescending(c => c.Id)
                .ToPageAsync(db, query, c => c.ToDto(now), cancellationToken);
        }
    }

    internal static async Task<Paged<ConsentDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, page, pageSize), ct);
}
