using System.Security.Claims;

namespace FinanceMatch.Api.Auth;

/// <summary>Reads who the caller is from the validated token. Ownership ids always come from here, never from a body.</summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string ClientId = "client_id";
    public const string CredentialId = "cid";

    /// <summary>The credential's version when the token was issued; a later rotation, reset or disable ends the token.</summary>
    public const string CredentialVersion = "ver";

    /// <summary>Added on each request (never issued): a firm's verification as it stands now.</summary>
    public const string Verification = "financematch:verification";

    public static Guid SubjectId(this ClaimsPrincipal user) => Guid.Parse(Required(user, Subject));

    /// <summary>The caller's object id, or <see cref="Guid.Empty"/> for an anonymous caller (public endpoints).</summary>
    public static Guid SubjectIdOrEmpty(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Subject), out var id) ? id : Guid.Empty;

    public static Guid CredentialIdOf(this ClaimsPrincipal user) => Guid.Parse(Required(user, CredentialId));

    public static string ClientIdOf(this ClaimsPrincipal user) => Required(user, ClientId);

    public static Core.Identity.Role RoleOf(this ClaimsPrincipal user) =>
        Enum.Parse<Core.Identity.Role>(Required(user, Role), ignoreCase: true);

    public static bool Is(this ClaimsPrincipal user, Core.Identity.Role role) => user.IsInRole(Policies.RoleName(role));

    /// <summary>True when the caller is the given party itself (same role and object id).</summary>
    public static bool IsParty(this ClaimsPrincipal user, Core.Identity.Role role, Guid subjectId) =>
        user.Is(role) && user.SubjectId() == subjectId;

    /// <summary>True for an enterprise whose registration is verified now (not when its token was issued).</summary>
    public static bool IsVerifiedEnterprise(this ClaimsPrincipal user) =>
        user.Is(Core.Identity.Role.Enterprise)
        && user.FindFirstValue(Verification) == nameof(Core.Enterprises.EnterpriseVerification.Verified);

    private static string Required(ClaimsPrincipal user, string type) =>
        user.FindFirstValue(type) ?? throw new InvalidOperationException($"The token has no '{type}' claim.");
}
