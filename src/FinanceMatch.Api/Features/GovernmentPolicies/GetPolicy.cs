using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.GovernmentPolicies;

/// <summary>One policy with its terms (any signed-in caller) and its money (operators, its department).</summary>
public static class GetPolicy
{
    public sealed record Query(Guid PolicyId, Caller Caller) : IRequest<PolicyDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, PolicyDto>
    {
        public async ValueTask<PolicyDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.PolicyId, cancellationToken)
            )?.ToDtoFor(query.Caller) ?? throw new NotFoundException("No policy has this id.");
    }

    internal static async Task<PolicyDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
