using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// Every programme with its terms (any signed-in caller: banks and firms see what covers loans) and, for operators and
/// the owning department, its money.
/// </summary>
public static class ListRiskProgrammes
{
    public sealed record Query(Caller Caller, int Page, int PageSize) : IRequest<Paged<RiskProgrammeDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<RiskProgrammeDto>>
    {
        public async ValueTask<Paged<RiskProgrammeDto>> Handle(Query query, CancellationToken cancellationToken) =>
            await db
                .RiskProgrammes.AsNoTracking()
                .OrderByDescending(p => p.CreatedAt)
                .ThenBy(p => p.Id)
                .ToPageAsync(db, query, p => p.ToDtoFor(query.Caller), cancellationToken);
    }

    internal static async Task<Paged<RiskProgrammeDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, page, pageSize), ct);
}
