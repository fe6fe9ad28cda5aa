using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using Domain = FinanceMatch.Core.Objections;

namespace FinanceMatch.Api.Features.Objections;

internal static class ObjectionMapping
{
    public static ObjectionDto ToDto(this Domain.Objection o, DateTimeOffset now) =>
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
