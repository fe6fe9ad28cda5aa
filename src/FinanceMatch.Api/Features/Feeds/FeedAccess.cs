using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedAccess
{
    /// <summary>Operators see every batch; a department only its own; anyone else none (404, never 403: no hint it exists).</summary>
    public static IQueryable<FeedBatch> VisibleTo(this IQueryable<FeedBatch> batches, Caller caller) =>
        caller.Is(DomainRole.Operator) ? batches
        : caller.Is(DomainRole.Department) ? batches.Where(b => b.DepartmentId == caller.SubjectId)
        : batches.Where(_ => false);
}
