using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using DomainObjection = FinanceMatch.Core.Objections.Objection;

namespace FinanceMatch.Api.Features.Objections;

internal static class ObjectionMapping
{
    public static ObjectionDto ToDto(this DomainObjection o, DateTimeOffset now) =>
        new(
            o.Id,
            o.EnterpriseId,
            o.Uscc,
            o.FeedType.Map<FeedType>(),
            o.RecordKey,
            o.DepartmentId,
            o.Reason,
            o.Status.Map<ObjectionStatus>(),
            o.IsOverdue(now),
            o.ResolutionNote,
            o.CreatedAt,
            o.ResolvedAt
        );
}
