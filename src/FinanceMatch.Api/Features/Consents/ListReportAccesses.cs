using System.Data;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Consents;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Consents;

public static class ListReportAccesses
{
    public sealed record Query(Caller Caller, Guid EnterpriseId, int Page, int PageSize)
        : IRequest<Paged<ReportAccessDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<ReportAccessDto>>
    {
        public async ValueTask<Paged<ReportAccessDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            ConsentAccess.EnsureFirmOrOperator(query.Caller, query.EnterpriseId, write: false);
            return await db
                .ReportAccesses.AsNoTracking()
                .Where(a => a.EnterpriseId == query.EnterpriseId)
                .OrderBy(a => a.Position)
                .ToPageAsync(db, query, ToDto, cancellationToken);
        }
    }

    internal static ReportAccessDto ToDto(ReportAccess a) =>
        new(
            a.Id,
            a.AccessedAt,
            a.ActorRole.Map<AccessActorRole>(),
            a.InstitutionId,
            a.OperatorClientId,
            a.ConsentId,
            a.Scopes.Select(s => s.Map<Client.Contracts.ConsentScope>()).ToList(),
            a.Purpose?.Map<Client.Contracts.ConsentPurpose>(),
            a.PreviousHash,
            a.Hash
        );

    internal static async Task<Paged<ReportAccessDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, page, pageSize), ct);
}
