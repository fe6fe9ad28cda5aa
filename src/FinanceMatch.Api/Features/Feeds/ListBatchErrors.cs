using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class ListBatchErrors
{
    public sealed record Query(Guid Id, Caller Caller, int Page, int PageSize)
        : IRequest<Paged<BatchErrorDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<BatchErrorDto>>
    {
        public async ValueTask<Paged<BatchErrorDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.FeedBatches.VisibleTo(query.Caller).AnyAsync(b => b.Id == query.Id, cancellationToken))
                throw new NotFoundException("No batch has this id.");
            return await db
                .FeedBatchErrors.AsNoTracking()
                .Where(e => e.BatchId == query.Id)
                .OrderBy(e => e.RowNumber)
                .ThenBy(e => e.Ordinal)
                .ToPageAsync(db, query, e => new BatchErrorDto(e.RowNumber, e.Field, e.Message), cancellationToken);
        }
    }

    internal static async Task<Paged<BatchErrorDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(id, caller, page, pageSize), ct);
}
