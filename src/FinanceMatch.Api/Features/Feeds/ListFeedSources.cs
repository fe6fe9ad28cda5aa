using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class ListFeedSources
{
    public sealed record Query(int Page, int PageSize) : IRequest<Paged<FeedSourceDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<FeedSourceDto>>
    {
        public async ValueTask<Paged<FeedSourceDto>> Handle(Query query, CancellationToken cancellationToken) =>
            await db
                .FeedSources.AsNoTracking()
                .OrderBy(s => s.CreatedAt)
                .ThenBy(s => s.Id)
                .ToPageAsync(db, query, FeedSourceMapping.ToDto, cancellationToken);
    }

    internal static async Task<Paged<FeedSourceDto>> Endpoint(
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(page, pageSize), ct);
}
