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
            await EnsureVisibleAsync(db, query.Caller, query.Id, cancellationToken);
            return await Rows(db, query.Id).ToPageAsync(db, query, e => e, cancellationToken);
        }
    }

    /// <summary>Operators, the pushing department or bank see a batch; to anyone else it does not exist (404).</summary>
    internal static async Task EnsureVisibleAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid batchId,
        CancellationToken ct
    )
    {
        if (!await db.FeedBatches.VisibleTo(caller).AnyAsync(b => b.Id == batchId, ct))
            throw new NotFoundException("No batch has this id.");
    }

    /// <summary>A batch's rejected rows in row order: the list pages them, the export streams them.</summary>
    internal static IQueryable<BatchErrorDto> Rows(FinanceMatchDbContext db, Guid batchId) =>
        db
            .FeedBatchErrors.AsNoTracking()
            .Where(e => e.BatchId == batchId)
            .OrderBy(e => e.RowNumber)
            .ThenBy(e => e.Ordinal)
            .Select(e => new BatchErrorDto(e.RowNumber, e.Field, e.Message));

    internal static async Task<Paged<BatchErrorDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(id, caller, page, pageSize), ct);
}
