using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Profiles;

public static class GetProfile
{
    public sealed record Query(Guid EnterpriseId, Caller Caller) : IRequest<ProfileDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ProfileDto>
    {
        public ValueTask<ProfileDto> Handle(Query query, CancellationToken cancellationToken) =>
            new(
                ProfileAccess.ReadAsync(
                    db,
                    clock,
                    query.EnterpriseId,
                    query.Caller,
                    async profile =>
                        ProfileAccess.ToDto(
                            profile,
                            await ProfileAccess.DisputedFeedsAsync(db, query.EnterpriseId, cancellationToken)
                        ),
                    cancellationToken
                )
            );
    }

    internal static async Task<ProfileDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
