using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinanceMatch.Api.Features.Webhooks;

public static class DeleteWebhook
{
    public sealed record Command(Caller Caller, Guid Id) : IRequest<Unit>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            db.Webhooks.Remove(await db.OwnAsync(command.Caller, command.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal static async Task<NoContent> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Command(caller, id), ct);
        return TypedResults.NoContent();
    }
}
