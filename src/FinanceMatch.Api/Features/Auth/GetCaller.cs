using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Api.Features.Auth;

public static class GetCaller
{
    internal static CallerDto Endpoint(Caller caller) =>
        new(caller.RequiredClientId, caller.Role!.Value.Map<Role>(), caller.SubjectId);
}
