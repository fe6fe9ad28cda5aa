using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>Every policy with its terms, newest first (any signed-in caller), and its money for those who manage it.</summary>
public static class ListPolicies
{
    public sealed record Query(Caller Caller, int Page, int PageSize) : IRequest<Paged<PolicyDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<PolicyDto>>
    {
        public async ValueTask<Paged<PolicyDto>> Handle(Query query, CancellationToken cancellationToken) =>
            await db
                .Policies.AsNoTracking()
                .OrderByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .ToPageAsync(db, query, p => p.ToDtoFor(query.Caller), cancellationToken);
    }

    internal static async Task<Paged<PolicyDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, page, pageSize), ct);
}
