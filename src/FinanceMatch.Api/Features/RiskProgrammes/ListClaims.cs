using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainClaimStatus = FinanceMatch.Core.RiskProgrammes.ClaimStatus;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// Claims, newest first: a department's inbox (<c>?status=submitted</c>) of claims on its programmes, a bank's own
/// claims, all of them for operators.
/// </summary>
public static class ListClaims
{
    public sealed record Query(Caller Caller, DomainClaimStatus? Status, int Page, int PageSize)
        : IRequest<Paged<ClaimDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ClaimDto>>
    {
        public async ValueTask<Paged<ClaimDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var claims = db.RiskClaims.AsNoTracking().VisibleTo(db, query.Caller);
            if (query.Status is { } status)
                claims = claims.Where(c => c.Status == status);
            return await claims
                .OrderByDescending(c => c.FiledAt)
                .ThenBy(c => c.Id)
                .ToPageAsync(db, query, c => c.ToDto(), cancellationToken);
        }
    }

    internal static async Task<Paged<ClaimDto>> Endpoint(
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
