using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Auth;

public static class GetCaller
{
    internal static CallerDto Endpoint(ClaimsPrincipal user) =>
        new(user.ClientIdOf(), user.RoleOf().Map<Role>(), user.SubjectId());
}
