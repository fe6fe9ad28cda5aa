using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Role = FinanceMatch.Core.Identity.Role;
using DomainStatus = FinanceMatch.Core.Feeds.BatchStatus;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

internal static class BatchVisibility
{
    /// <summary>Operators see every batch; a department only its own; anyone else none (404, never 403: no hint it exists).</summary>
    public static IQueryable<FeedBatch> VisibleTo(this IQueryable<FeedBatch> batches, ClaimsPrincipal caller) =>
        caller.Is(Role.Operator) ? batches
        : caller.Is(Role.Department) ? batches.Where(b => b.DepartmentId == caller.SubjectId())
        : batches.Where(_ => false);
}

public static class GetBatch
{
    public sealed record Query(Guid Id, ClaimsPrincipal Caller) : IRequest<BatchDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, BatchDto>
    {
        public async ValueTask<BatchDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var batch = await db.FeedBatches.AsNoTracking().VisibleTo(query.Caller).SingleOrDefaultAsync(b => b.Id == query.Id, cancellationToken);
            return (batch ?? throw new NotFoundException("No batch has this id.")).ToDto();
        }
    }

    internal static async Task<BatchDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, user), ct);
}

public static class ListBatchErrors
{
    public sealed record Query(Guid Id, ClaimsPrincipal Caller, int Page, int PageSize) : IRequest<Paged<BatchErrorDto>>, IPagedQuery;

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
            return await db.FeedBatchErrors.AsNoTracking()
                .Where(e => e.BatchId == query.Id)
                .OrderBy(e => e.RowNumber).ThenBy(e => e.Ordinal)
                .ToPageAsync(db, query, e => new BatchErrorDto(e.RowNumber, e.Field, e.Message), cancellationToken);
        }
    }

    internal static async Task<Paged<BatchErrorDto>> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct,
        int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(id, user, page, pageSize), ct);
}

public static class ListBatches
{
    public sealed record Query(ClaimsPrincipal Caller, DomainFeedType? FeedType, DomainStatus? Status, int Page, int PageSize)
        : IRequest<Paged<BatchDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<BatchDto>>
    {
        public async ValueTask<Paged<BatchDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var batches = db.FeedBatches.AsNoTracking().VisibleTo(query.Caller);
            if (query.FeedType is { } feedType) batches = batches.Where(b => b.FeedType == feedType);
            if (query.Status is { } status) batches = batches.Where(b => b.Status == status);
            return await batches.OrderByDescending(b => b.ReceivedAt).ThenByDescending(b => b.Id)
                .ToPageAsync(db, query, FeedMapping.ToDto, cancellationToken);
        }
    }

    internal static async Task<Paged<BatchDto>> Endpoint(ClaimsPrincipal user, ISender sender, CancellationToken ct,
        string? feedType = null, string? status = null, int page = 1, int pageSize = PageRules.DefaultPageSize) =>
        await sender.Send(new Query(user, EnumText.ParseOptional<DomainFeedType>(feedType, "feedType"),
            EnumText.ParseOptional<DomainStatus>(status, "status"), page, pageSize), ct);
}
