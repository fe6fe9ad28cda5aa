using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Matches;

/// <summary>The bank takes up a pending match (its first response); it may now read the firm's report under the request's consent.</summary>
public static class ReviewMatch
{
    public sealed record Command(Caller Caller, Guid MatchId) : IRequest<MatchDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, MatchDto>
    {
        public async ValueTask<MatchDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = await MatchAccess.FindForBankAsync(db, command.Caller, command.MatchId, cancellationToken);
            match.Review(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return match.ToBankDto();
        }
    }

    internal static async Task<MatchDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller, id), ct);
}
