using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainAlertKind = FinanceMatch.Core.Alerts.AlertKind;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Alerts;

public static class ListAlerts
{
    public sealed record Query(Caller Caller, DomainAlertKind? Kind, int Page, int PageSize)
        : IRequest<Paged<AlertDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<AlertDto>>
    {
        public async ValueTask<Paged<AlertDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var alerts = db.Alerts.AsNoTracking();
            if (!query.Caller.Is(DomainRole.Operator))
            {
                var institutionId = query.Caller.SubjectId;
                alerts = alerts.Where(a => a.InstitutionId == institutionId);
            }
            if (query.Kind is { } kind)
                alerts = alerts.Where(a => a.Kind == kind);
            return await alerts
                .OrderByDescending(a => a.RaisedAt)
                .ThenBy(a => a.Id)
                .ToPageAsync(
                    db,
                    query,
                    a => new AlertDto(a.Id, a.EnterpriseId, a.Kind.Map<AlertKind>(), a.Detail, a.RaisedAt),
                    cancellationToken
                );
        }
    }

    internal static async Task<Paged<AlertDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.AlertKind))] string? kind = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(new Query(caller, EnumText.ParseOptional<DomainAlertKind>(kind, "kind"), page, pageSize), ct);
}
