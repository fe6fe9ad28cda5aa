using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRepairStatus = FinanceMatch.Core.Repairs.RepairStatus;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Repairs;

/// <summary>A firm's repair requests (the firm, operators); a department's queue (its penalties' requests); every one (operators).</summary>
public static class ListRepairRequests
{
    public sealed record Query(Caller Caller, Guid? EnterpriseId, DomainRepairStatus? Status, int Page, int PageSize)
        : IRequest<Paged<RepairRequestDto>>,
            IPagedQuery;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new PageRules());
    }

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, Paged<RepairRequestDto>>
    {
        public async ValueTask<Paged<RepairRequestDto>> Handle(Query query, CancellationToken ct)
        {
            var requests = db.RepairRequests.AsNoTracking();
            if (query.EnterpriseId is { } enterpriseId)
            {
                if (!query.Caller.Is(DomainRole.Operator) && !query.Caller.IsParty(DomainRole.Enterprise, enterpriseId))
                    throw new NotFoundException("No enterprise has this id.");
                requests = requests.Where(r => r.EnterpriseId == enterpriseId);
            }
            else if (query.Caller.Is(DomainRole.Department))
            {
                var departmentId = query.Caller.SubjectId;
                requests = requests.Where(r => r.DepartmentId == departmentId);
            }
            if (query.Status is { } status)
                requests = requests.Where(r => r.Status == status);
            var ordered = query.EnterpriseId is null
                ? requests.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id) // a department works the oldest first
                : requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
            var page = await ordered.ToPageAsync(db, query, r => r, ct);
            var files = await RepairAccess.AttachmentsAsync(db, [.. page.Items.Select(r => r.Id)], ct);
            return new Paged<RepairRequestDto>(
                [.. page.Items.Select(r => r.ToDto(query.Caller, files[r.Id]))],
                page.Page,
                page.PageSize,
                page.TotalCount
            );
        }
    }

    internal static async Task<Paged<RepairRequestDto>> EnterpriseEndpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) => await sender.Send(new Query(caller, id, null, page, pageSize), ct);

    internal static async Task<Paged<RepairRequestDto>> Endpoint(
        Caller caller,
        ISender sender,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.RepairStatus))] string? status = null,
        int page = 1,
        int pageSize = PageRules.DefaultPageSize
    ) =>
        await sender.Send(
            new Query(caller, null, EnumText.ParseOptional<DomainRepairStatus>(status, "status"), page, pageSize),
            ct
        );
}
