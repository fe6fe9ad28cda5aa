using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Matches;

public static class GetMatch
{
    public sealed record Query(Guid MatchId, Caller Caller) : IRequest<MatchDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Query query, CancellationToken cancellationToken) =>
            (
                await db
                    .Matches.AsNoTracking()
                    .VisibleTo(query.Caller)
                    .SingleOrDefaultAsync(m => m.Id == query.MatchId, cancellationToken)
            )?.ToDtoFor(query.Caller) ?? throw new NotFoundException("No match has this id.");
    }

    internal static async Task<MatchDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
