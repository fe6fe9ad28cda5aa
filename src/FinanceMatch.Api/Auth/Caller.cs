using System.Security.Claims;
using FinanceMatch.Core.Identity;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Who asks, read once from the validated token at the endpoint: what every command knows about its caller. Ownership
/// ids come from here, never from a body. An anonymous caller (a public endpoint, or a firm the verification gate treats
/// as anonymous) has no role, an empty subject id and no client id.
/// </summary>
public sealed record Caller(Role? Role, Guid SubjectId, string? ClientId)
{
    public static Caller Anonymous { get; } = new(null, Guid.Empty, null);

    public bool Is(Role role) => Role == role;

    /// <summary>True when the caller is the given party itself (same role and object id).</summary>
    public bool IsParty(Role role, Guid subjectId) => Role == role && SubjectId == subjectId;

    /// <summary>The client id of an authenticated caller (endpoints that allow anonymous callers never ask).</summary>
    public string RequiredClientId =>
        ClientId ?? throw new InvalidOperationException("An anonymous caller has no client id.");

    public static Caller From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? new(user.RoleOf(), user.SubjectId(), user.ClientIdOf()) : Anonymous;

    /// <summary>Minimal APIs bind a <see cref="Caller"/> parameter from the request's user with this.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<Caller?>(From(context.User));
}
