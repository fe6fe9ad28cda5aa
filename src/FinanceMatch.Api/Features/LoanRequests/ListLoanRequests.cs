using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainLoanRequestStatus = FinanceMatch.Core.LoanRequests.LoanRequestStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.LoanRequests;

public static class ListLoanRequests
{
    public sealed record Query(Caller Caller, DomainLoanRequestStatus? Status, int Page, int PageSize)
        : IRequest<Paged<LoanRequestDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<LoanRequestDto>>
    {
        public async ValueTask<Paged<LoanRequestDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var requests = db.LoanRequests.AsNoTracking();
            if (!query.Caller.Is(DomainRole.Operator))
            {
                var enterpriseId = query.Caller.SubjectId;
                requests = requests.Where(r => r.EnterpriseId == enterpriseId);
            }
            if (query.Status is { } status)
                requests = requests.Where(r => r.Status == status);
            var page = await requests
                .OrderByDescending(r => r.CreatedAt)
                .ThenBy(r => r.Id)
                .ToPageAsync(db, query, r => r, cancellationToken);
            var ids = page.Items.Select(r => r.Id).ToList();
            var matches = (
                await db.Matches.AsNoTracking().Where(m => ids.Contains(m.LoanRequestId)).ToListAsync(cancellationToken)
            ).ToLookup(m => m.LoanRequestId);
            return new Paged<LoanRequestDto>(
                page.Items.Select(r => r.ToDto(matches[r.Id])).ToList(),
                page.Page,
                page.PageSize,
                page.TotalCount
            );
        }
    }

    internal static async Task<Paged<LoanRequestDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.LoanRequestStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainLoanRequestStatus>(status, "status"), page, pageSize),
            ct
        );
}
