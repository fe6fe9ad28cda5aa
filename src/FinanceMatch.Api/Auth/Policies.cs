using FinanceMatch.Core.Identity;

namespace FinanceMatch.Api.Auth;

/// <summary>Authorization policies by role; ownership is checked in each handler against the token's subject.</summary>
public static class Policies
{
    public const string Operator = "operator";
    public const string Bank = "bank";
    public const string Department = "department";
    public const string Enterprise = "enterprise";
    public const string OperatorOrDepartment = "operator-or-department";
    public const string OperatorOrEnterprise = "operator-or-enterprise";
    public const string OperatorEnterpriseOrBank = "operator-enterprise-or-bank";
    public const string OperatorOrBank = "operator-or-bank";
    public const string OperatorDepartmentOrBank = "operator-department-or-bank";
    public const string DepartmentOrBank = "department-or-bank";
    public const string OperatorEnterpriseOrDepartment = "operator-enterprise-or-department";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder auth)
    {
        auth.AddPolicy(Operator, p => p.RequireRole(RoleName(Role.Operator)));
        auth.AddPolicy(Bank, p => p.RequireRole(RoleName(Role.Bank)));
        auth.AddPolicy(Department, p => p.RequireRole(RoleName(Role.Department)));
        auth.AddPolicy(Enterprise, p => p.RequireRole(RoleName(Role.Enterprise)));
        auth.AddPolicy(OperatorOrDepartment, p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Department)));
        auth.AddPolicy(OperatorOrEnterprise, p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Enterprise)));
        auth.AddPolicy(OperatorOrBank, p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Bank)));
        auth.AddPolicy(DepartmentOrBank, p => p.RequireRole(RoleName(Role.Department), RoleName(Role.Bank)));
        auth.AddPolicy(
            OperatorDepartmentOrBank,
            p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Department), RoleName(Role.Bank))
        );
        auth.AddPolicy(
            OperatorEnterpriseOrDepartment,
            p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Enterprise), RoleName(Role.Department))
        );
        auth.AddPolicy(
            OperatorEnterpriseOrBank,
            p => p.RequireRole(RoleName(Role.Operator), RoleName(Role.Enterprise), RoleName(Role.Bank))
        );
    }

    /// <summary>The role as it appears in tokens: camelCase, like every enum on the wire.</summary>
    public static string RoleName(Role role) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString());
}
