using System.Security.Claims;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>The bank takes up a pending match (its first response); it may now read the firm's report under the request's consent.</summary>
public static class ReviewMatch
{
    public sealed record Command(ClaimsPrincipal Caller, Guid MatchId) : IRequest<MatchDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = await MatchMapping.FindForBankAsync(db, command.Caller, command.MatchId, cancellationToken);
            match.Review(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return match.ToBankDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(Guid id, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(user, id), ct);
}
