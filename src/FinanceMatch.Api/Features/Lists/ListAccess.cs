using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainFirmList = FinanceMatch.Core.Lists.FirmList;
using DomainInstitutionKind = FinanceMatch.Core.Institutions.InstitutionKind;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// Who sees a list: operators every list, a department its own, a bank the lists shared with it (their terms, never
/// their members beyond the firms that consented to it); anyone else none. A list the caller may not see is not found.
/// </summary>
public static class ListAccess
{
    /// <remarks>Guarantors and insurers sign in with a bank's role, but lists are shared with lending banks only.</remarks>
    public static IQueryable<DomainFirmList> VisibleTo(
        this IQueryable<DomainFirmList> lists,
        FinanceMatchDbContext db,
        Caller caller
    )
    {
        var subject = caller.SubjectId;
        return caller.Is(DomainRole.Operator) ? lists
            : caller.Is(DomainRole.Department) ? lists.Where(l => l.DepartmentId == subject)
            : caller.Is(DomainRole.Bank)
                ? lists.Where(l =>
                    (l.SharedWithAllBanks || l.SharedWith.Contains(subject))
                    && db.Institutions.Any(i => i.Id == subject && i.Kind == DomainInstitutionKind.Bank)
                )
            : lists.Where(_ => false);
    }

    /// <summary>Whether the caller keeps the list: an operator, or the department that owns it.</summary>
    public static bool Keeps(Caller caller, DomainFirmList list) =>
        caller.Is(DomainRole.Operator) || (caller.Is(DomainRole.Department) && caller.SubjectId == list.DepartmentId);

    public static async Task<DomainFirmList> FindVisibleAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid listId,
        CancellationToken ct
    ) =>
        await db.Lists.AsNoTracking().Where(l => l.Id == listId).VisibleTo(db, caller).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("No list you may see has this id.");

    /// <summary>A list the caller keeps (uploads members to); a bank's or another department's is not found.</summary>
    public static async Task<DomainFirmList> FindKeptAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid listId,
        CancellationToken ct
    )
    {
        var list = await FindVisibleAsync(db, caller, listId, ct);
        return Keeps(caller, list) ? list : throw new NotFoundException("No list you keep has this id.");
    }

    /// <summary>
    /// The ids among <paramref name="listIds"/> that a bank may not target (unknown, or not shared with it): a product
    /// can only target a list its bank sees, or its matches would tell the bank who is on the list.
    /// </summary>
    public static async Task<List<Guid>> NotSharedWithAsync(
        FinanceMatchDbContext db,
        Guid institutionId,
        IReadOnlyCollection<Guid> listIds,
        CancellationToken ct
    )
    {
        if (listIds.Count == 0)
            return [];
        var ids = listIds.ToList();
        var shared = await db
            .Lists.Where(l => ids.Contains(l.Id) && (l.SharedWithAllBanks || l.SharedWith.Contains(institutionId)))
            .Select(l => l.Id)
            .ToListAsync(ct);
        return ids.Except(shared).ToList();
    }
}
