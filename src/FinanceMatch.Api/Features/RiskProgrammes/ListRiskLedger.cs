using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>Every movement of a programme's money, oldest first (operators, the owning department).</summary>
public static class ListRiskLedger
{
    public sealed record Query(Caller Caller, Guid ProgrammeId, int Page, int PageSize)
        : IRequest<Paged<LedgerEntryDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<LedgerEntryDto>>
    {
        public async ValueTask<Paged<LedgerEntryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var programme = await RiskProgrammeAccess.FindManagedAsync(
                db,
                query.Caller,
                query.ProgrammeId,
                cancellationToken
            );
            return await db
                .Ledger.AsNoTracking()
                .Where(e => e.ProgrammeId == programme.Id)
                .OrderBy(e => e.Id)
                .ToPageAsync(db, query, e => e.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<LedgerEntryDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, page, pageSize), ct);
}
