using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedAccess
{
    /// <summary>
    /// Operators see every batch; a department or a bank only its own; anyone else none (404, never 403: no hint it
    /// exists).
    /// </summary>
    public static IQueryable<FeedBatch> VisibleTo(this IQueryable<FeedBatch> batches, Caller caller)
    {
        var subject = caller.SubjectId;
        return caller.Is(DomainRole.Operator) ? batches
            : caller.Is(DomainRole.Department) ? batches.Where(b => b.DepartmentId == subject)
            : caller.Is(DomainRole.Bank) ? batches.Where(b => b.InstitutionId == subject)
            : batches.Where(_ => false);
    }
}
