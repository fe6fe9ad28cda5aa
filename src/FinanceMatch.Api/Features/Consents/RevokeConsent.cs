using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Consents;

public static class RevokeConsent
{
    public sealed record Command(Caller Caller, Guid EnterpriseId, Guid ConsentId) : IRequest<Unit>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            ConsentAccess.EnsureFirmOrOperator(command.Caller, command.EnterpriseId, write: true);
            var consent =
                await db.Consents.SingleOrDefaultAsync(
                    c => c.Id == command.ConsentId && c.EnterpriseId == command.EnterpriseId,
                    cancellationToken
                ) ?? throw new NotFoundException("No consent of this enterprise has this id.");
            consent.Revoke(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal static async Task<NoContent> Endpoint(
        Guid id,
        Guid consentId,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        await sender.Send(new Command(caller, id, consentId), ct);
        return TypedResults.NoContent();
    }
}
