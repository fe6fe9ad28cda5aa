using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>Every movement of a policy's money in the fund ledger, oldest first (operators, the owning department).</summary>
public static class ListPolicyLedger
{
    public sealed record Query(Caller Caller, Guid PolicyId, int Page, int PageSize)
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
            var policy = await PolicyAccess.FindManagedAsync(db, query.Caller, query.PolicyId, cancellationToken);
            return await db
                .Ledger.AsNoTracking()
                .Where(e => e.PolicyId == policy.Id)
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
