using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
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

    /// <summary>A department sees the USCC of its own penalty, never the platform's enterprise id.</summary>
    public static RepairRequestDto ToDto(this DomainRepairRequest r, Caller caller) =>
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
            r.Attachments.OrderBy(a => a.Position)
                .Select(a => new RepairAttachmentDto(a.Position, a.FileName, a.ContentType, a.Size))
                .ToList()
        );
}
