using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainRiskClaim = FinanceMatch.Core.RiskProgrammes.RiskClaim;
using DomainRiskProgramme = FinanceMatch.Core.RiskProgrammes.RiskProgramme;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.RiskProgrammes;

/// <summary>
/// Who may do what with a programme's money: an operator anything; the owning department its own programmes (define,
/// read the ledger, decide claims); a bank its own claims. The terms of every programme are public to signed-in callers.
/// </summary>
internal static class RiskProgrammeAccess
{
    /// <summary>Whether the caller manages this programme's money: an operator, or its own department.</summary>
    public static bool Manages(Caller caller, DomainRiskProgramme programme) =>
        caller.Is(DomainRole.Operator)
        || (caller.Is(DomainRole.Department) && caller.SubjectId == programme.DepartmentId);

    /// <summary>A programme whose ledger and claims the caller may handle; any other is not found.</summary>
    public static async Task<DomainRiskProgramme> FindManagedAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid programmeId,
        CancellationToken ct
    )
    {
        var programmes = db.RiskProgrammes.Where(p => p.Id == programmeId);
        if (!caller.Is(DomainRole.Operator))
        {
            var departmentId = caller.Is(DomainRole.Department) ? caller.SubjectId : Guid.Empty;
            programmes = programmes.Where(p => p.DepartmentId == departmentId);
        }
        return await programmes.SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("No programme you manage has this id.");
    }

    /// <summary>The claims a caller may see: operators all, a department those on its programmes, a bank its own.</summary>
    public static IQueryable<DomainRiskClaim> VisibleTo(
        this IQueryable<DomainRiskClaim> claims,
        FinanceMatchDbContext db,
        Caller caller
    )
    {
        if (caller.Is(DomainRole.Operator))
            return claims;
        var subject = caller.SubjectId;
        if (caller.Is(DomainRole.Department))
            return claims.Where(c => db.RiskProgrammes.Any(p => p.Id == c.ProgrammeId && p.DepartmentId == subject));
        if (caller.Is(DomainRole.Bank))
            return claims.Where(c => c.InstitutionId == subject);
        return claims.Where(_ => false);
    }

    /// <summary>A claim the caller may decide (operators, the programme's department), tracked; any other is not found.</summary>
    public static async Task<DomainRiskClaim> FindDecidableAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid claimId,
        CancellationToken ct
    ) =>
        await db
            .RiskClaims.Where(c => c.Id == claimId)
            .VisibleTo(db, caller.Is(DomainRole.Bank) ? Caller.Anonymous : caller)
            .SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("No claim you may decide has this id.");
}
