using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainObjection = FinanceMatch.Core.Objections.Objection;

namespace FinanceMatch.Api.Features.Objections;

internal static class ObjectionMapping
{
    /// <summary>A department sees the USCC of its own record, never the platform's enterprise id (empty for it).</summary>
    public static ObjectionDto ToDto(this DomainObjection o, DateTimeOffset now, Caller? caller = null) =>
        new(
            o.Id,
            caller?.Is(Core.Identity.Role.Department) == true ? Guid.Empty : o.EnterpriseId,
            o.Uscc,
            o.FeedType.Map<FeedType>(),
            o.RecordKey,
            o.DepartmentId,
            o.Reason,
            o.Status.Map<ObjectionStatus>(),
            o.IsOverdue(now),
            o.ResolutionNote,
            o.CreatedAt,
            o.ResolvedAt,
            o.DueBy,
            o.CorrectionPromisedAt,
            o.ClosedBy?.Map<ObjectionCloser>()
        );
}
