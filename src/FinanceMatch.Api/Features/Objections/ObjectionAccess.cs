using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using DomainObjection = FinanceMatch.Core.Objections.Objection;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Objections;

/// <summary>Who may see an objection: its firm, the department that supplied the disputed record, and operators.</summary>
internal static class ObjectionAccess
{
    /// <summary>An objection is seen by its firm, the record's department and operators; to anyone else it does not exist.</summary>
    public static void EnsureVisibleTo(this DomainObjection o, Caller caller)
    {
        if (
            !caller.Is(DomainRole.Operator)
            && !caller.IsParty(DomainRole.Enterprise, o.EnterpriseId)
            && !caller.IsParty(DomainRole.Department, o.DepartmentId)
        )
            throw new NotFoundException("No objection has this id.");
    }
}
