using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainRepairRequest = FinanceMatch.Core.Repairs.RepairRequest;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Repairs;

/// <summary>Who sees a repair request: its firm, the department that supplied the penalty, operators.</summary>
internal static class RepairAccess
{
    public static void EnsureVisibleTo(this DomainRepairRequest r, Caller caller)
    {
        if (
            !caller.Is(DomainRole.Operator)
            && !caller.IsParty(DomainRole.Enterprise, r.EnterpriseId)
            && !caller.IsParty(DomainRole.Department, r.DepartmentId)
        )
            throw new NotFoundException("No repair request has this id.");
    }

    /// <summary>
    /// The files' names, types and sizes of the given requests, never their content (read only by a download): a list of
    /// 500 requests with five files each must not load 25 GB.
    /// </summary>
    public static async Task<ILookup<Guid, RepairAttachmentDto>> AttachmentsAsync(
        FinanceMatchDbContext db,
        IReadOnlyCollection<Guid> requestIds,
        CancellationToken ct
    ) =>
        (
            await db
                .RepairAttachments.AsNoTracking()
                .Where(a => requestIds.Contains(a.RepairRequestId))
                .OrderBy(a => a.Position)
                .Select(a => new
                {
                    a.RepairRequestId,
                    File = new RepairAttachmentDto(a.Position, a.FileName, a.ContentType, a.Size),
                })
                .ToListAsync(ct)
        ).ToLookup(a => a.RepairRequestId, a => a.File);

    /// <summary>A department sees the USCC of its own penalty, never the platform's enterprise id.</summary>
    public static RepairRequestDto ToDto(
        this DomainRepairRequest r,
        Caller caller,
        IEnumerable<RepairAttachmentDto> attachments
    ) =>
        new(
            r.Id,
            caller.Is(DomainRole.Department) ? Guid.Empty : r.EnterpriseId,
            r.Uscc,
            r.DepartmentId,
            r.DecisionNo,
            r.Statement,
            r.Status.Map<RepairStatus>(),
            r.DecisionNote,
            r.DecidedAt,
            r.RepairedOn,
            r.CreatedAt,
            [.. attachments]
        );
}
