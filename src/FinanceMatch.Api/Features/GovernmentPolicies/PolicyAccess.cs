using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainPolicy = FinanceMatch.Core.Policies.Policy;
using DomainRole = FinanceMatch.Core.Identity.Role;
using DomainSubsidyClaim = FinanceMatch.Core.Policies.SubsidyClaim;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>
/// Who may do what with a policy's money: an operator anything; the owning department its own policies (define, read
/// the ledger, decide claims); a bank its own claims. The terms of every policy are public to signed-in callers.
/// </summary>
internal static class PolicyAccess
{
    public static bool Manages(Caller caller, DomainPolicy policy) =>
        caller.Is(DomainRole.Operator) || (caller.Is(DomainRole.Department) && caller.SubjectId == policy.DepartmentId);

    public static async Task<DomainPolicy> FindManagedAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid policyId,
        CancellationToken ct
    )
    {
        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == policyId, ct);
        return policy is not null && Manages(caller, policy)
            ? policy
            : throw new NotFoundException("No policy you manage has this id.");
    }

    /// <summary>The claims a caller may see: operators all, a department those on its policies, a bank its own.</summary>
    public static IQueryable<DomainSubsidyClaim> VisibleTo(
        this IQueryable<DomainSubsidyClaim> claims,
        FinanceMatchDbContext db,
        Caller caller
    )
    {
        if (caller.Is(DomainRole.Operator))
            return claims;
        var subject = caller.SubjectId;
        if (caller.Is(DomainRole.Department))
            return claims.Where(c => db.Policies.Any(p => p.Id == c.PolicyId && p.DepartmentId == subject));
        if (caller.Is(DomainRole.Bank))
            return claims.Where(c => c.InstitutionId == subject);
        return claims.Where(_ => false);
    }

    /// <summary>A claim the caller may decide (operators, the policy's department), tracked; any other is not found.</summary>
    public static async Task<DomainSubsidyClaim> FindDecidableAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid claimId,
        CancellationToken ct
    ) =>
        await db
            .SubsidyClaims.Where(c => c.Id == claimId)
            .VisibleTo(db, caller.Is(DomainRole.Bank) ? Caller.Anonymous : caller)
            .SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("No subsidy claim you may decide has this id.");
}
