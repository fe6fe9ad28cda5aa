using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainBatchStatus = FinanceMatch.Core.Feeds.BatchStatus;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

public static class ListBatches
{
    public sealed record Query(
        Caller Caller,
        DomainFeedType? FeedType,
        DomainBatchStatus? Status,
        int Page,
        int PageSize
    ) : IRequest<Paged<BatchDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<BatchDto>>
    {
        public async ValueTask<Paged<BatchDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var batches = db.FeedBatches.AsNoTracking().VisibleTo(query.Caller);
            if (query.FeedType is { } feedType)
                batches = batches.Where(b => b.FeedType == feedType);
            if (query.Status is { } status)
                batches = batches.Where(b => b.Status == status);
            return await batches
                .OrderByDescending(b => b.ReceivedAt)
                .ThenByDescending(b => b.Id)
                .ToPageAsync(db, query, FeedMapping.ToDto, cancellationToken);
        }
    }

    internal static async Task<Paged<BatchDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.FeedType))] string? feedType = null,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.BatchStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(
                caller,
                EnumText.ParseOptional<DomainFeedType>(feedType, "feedType"),
                EnumText.ParseOptional<DomainBatchStatus>(status, "status"),
                page,
                pageSize
            ),
            ct
        );
}
