using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainMatch = FinanceMatch.Core.Matching.Match;
using DomainMatchStatus = FinanceMatch.Core.Matching.MatchStatus;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>A bank's inbox (<c>?status=pending</c>), a firm's matches, or all of them for operators; newest first.</summary>
public static class ListMatches
{
    public sealed record Query(Caller Caller, DomainMatchStatus? Status, int Page, int PageSize)
        : IRequest<Paged<MatchDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<MatchDto>>
    {
        public async ValueTask<Paged<MatchDto>> Handle(Query query, CancellationToken cancellationToken) =>
            await Listed(db, query.Caller, query.Status)
                .ToPageAsync(db, query, m => m.ToDtoFor(query.Caller), cancellationToken);
    }

    /// <summary>The matches the caller may see, of one status if asked, newest first: the list pages them, the export streams them.</summary>
    internal static IQueryable<DomainMatch> Listed(FinanceMatchDbContext db, Caller caller, DomainMatchStatus? status)
    {
        var matches = db.Matches.AsNoTracking().VisibleTo(caller);
        if (status is { } wanted)
            matches = matches.Where(m => m.Status == wanted);
        return matches.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Rank).ThenBy(m => m.Id);
    }

    internal static async Task<Paged<MatchDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.MatchStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainMatchStatus>(status, "status"), page, pageSize),
            ct
        );
}
