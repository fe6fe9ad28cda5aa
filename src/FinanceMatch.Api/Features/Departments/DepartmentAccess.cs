using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Departments;

/// <summary>Which department a department's object (a programme, a policy, a list) belongs to, by who creates it.</summary>
public static class DepartmentAccess
{
    /// <summary>
    /// A department creates for itself (naming another is 403); an operator creates for the department it names (none
    /// named, or an unknown one, is 422 on <c>departmentId</c>). <paramref name="what"/> says what, for the messages.
    /// </summary>
    public static async Task<Guid> OwningDepartmentAsync(
        FinanceMatchDbContext db,
        Caller caller,
        Guid? named,
        string what,
        CancellationToken ct
    )
    {
        if (caller.Is(DomainRole.Department))
            return named is { } other && other != caller.SubjectId
                ? throw new ForbiddenException($"A department creates {what} of its own only.")
                : caller.SubjectId;
        var departmentId =
            named ?? throw UnprocessableException.For("departmentId", $"Name the department that owns the {what}.");
        return await db.Departments.AnyAsync(d => d.Id == departmentId, ct)
            ? departmentId
            : throw UnprocessableException.For("departmentId", "No department has this id.");
    }
}
