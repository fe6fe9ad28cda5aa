using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Profiles;

public static class GetProfileHistory
{
    public sealed record Query(Guid EnterpriseId, Caller Caller) : IRequest<IReadOnlyList<ProfileSnapshotDto>>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Query, IReadOnlyList<ProfileSnapshotDto>>
    {
        public ValueTask<IReadOnlyList<ProfileSnapshotDto>> Handle(Query query, CancellationToken cancellationToken) =>
            new(
                ProfileAccess.ReadAsync(
                    db,
                    clock,
                    query.EnterpriseId,
                    query.Caller,
                    async profile =>
                        (IReadOnlyList<ProfileSnapshotDto>)
                            await db
                                .CreditProfileHistory.AsNoTracking()
                                .Where(s => s.Uscc == profile.Uscc)
                                .OrderByDescending(s => s.ComputedAt)
                                .Take(500)
                                .Select(s => new ProfileSnapshotDto(s.ComputedAt, s.Score, s.Grade, s.ModelVersion))
                                .ToListAsync(cancellationToken),
                    cancellationToken
                )
            );
    }

    internal static async Task<IReadOnlyList<ProfileSnapshotDto>> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Query(id, caller), ct);
}
