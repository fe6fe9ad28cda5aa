using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainObjection = FinanceMatch.Core.Objections.Objection;
using DomainObjectionStatus = FinanceMatch.Core.Objections.ObjectionStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

public static class ListObjections
{
    /// <summary>Operators: every objection, or a firm's; the firm itself: its own; a department: those on its records.</summary>
    public sealed record Query(
        Caller Caller,
        Guid? EnterpriseId,
        DomainObjectionStatus? Status,
        bool Overdue,
        int Page,
        int PageSize
    ) : IRequest<Paged<ObjectionDto>>, IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Query, Paged<ObjectionDto>>
    {
        public async ValueTask<Paged<ObjectionDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var objections = db.Objections.AsNoTracking();
            if (query.EnterpriseId is { } enterpriseId)
            {
                if (!query.Caller.Is(DomainRole.Operator) && !query.Caller.IsParty(DomainRole.Enterprise, enterpriseId))
                    throw new NotFoundException("No enterprise has this id.");
                objections = objections.Where(o => o.EnterpriseId == enterpriseId);
            }
            if (query.Caller.Is(DomainRole.Department))
            {
                var departmentId = query.Caller.SubjectId;
                objections = objections.Where(o => o.DepartmentId == departmentId);
            }
            var now = clock.GetUtcNow();
            if (query.Status is { } status)
                objections = objections.Where(o => o.Status == status);
            if (query.Overdue)
            {
                var cutoff = DomainObjection.OverdueCutoff(now);
                objections = objections.Where(o =>
                    o.Status == DomainObjectionStatus.Open && (o.CorrectionPromisedAt ?? o.CreatedAt) <= cutoff
                );
            }
            var ordered = query.EnterpriseId is null
                ? objections.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id) // operators work the oldest first
                : objections.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
            return await ordered.ToPageAsync(db, query, o => o.ToDto(now, query.Caller), cancellationToken);
        }
    }

    internal static async Task<Paged<ObjectionDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.ObjectionStatus))] string? status = null,
        [System.ComponentModel.Description(
            "true: only objections past their answer deadline (20 days, or a promised correction 20 days old)."
        )]
            bool overdue = false,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(
                caller,
                null,
                EnumText.ParseOptional<DomainObjectionStatus>(status, "status"),
                overdue,
                page,
                pageSize
            ),
            ct
        );

    internal static async Task<Paged<ObjectionDto>> EnterpriseEndpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, null, false, page, pageSize), ct);
}
