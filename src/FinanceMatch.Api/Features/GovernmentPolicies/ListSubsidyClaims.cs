using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// Subsidy claims, newest first: a department's inbox (<c>?status=submitted</c>) of claims on its policies, a bank's
/// own claims, all of them for operators.
/// </summary>
public static class ListSubsidyClaims
{
    public sealed record Query(Caller Caller, DomainClaimStatus? Status, int Page, int PageSize)
        : IRequest<Paged<SubsidyClaimDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<SubsidyClaimDto>>
    {
        public async ValueTask<Paged<SubsidyClaimDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var claims = db.SubsidyClaims.AsNoTracking().VisibleTo(db, query.Caller);
            if (query.Status is { } status)
                claims = claims.Where(c => c.Status == status);
            return await claims
                .OrderByDescending(c => c.FiledAt)
                .ThenBy(c => c.Id)
                .ToPageAsync(db, query, c => c.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<SubsidyClaimDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ClaimStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, EnumText.ParseOptional<DomainClaimStatus>(status, "status"), page, pageSize),
            ct
        );
}
