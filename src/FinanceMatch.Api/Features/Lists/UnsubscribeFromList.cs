using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>A bank stops following a list it may see (another list is 404); unsubscribed already, nothing changes.</summary>
public static class UnsubscribeFromList
{
    public sealed record Command(Guid ListId, Caller Caller) : IRequest;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            var list = await ListAccess.FindVisibleAsync(db, caller, command.ListId, cancellationToken);
            await db
                .ListSubscriptions.Where(s => s.ListId == list.Id && s.InstitutionId == caller.SubjectId)
                .ExecuteDeleteAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal static async Task<IResult> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct)
    {
        await sender.Send(new Command(id, caller), ct);
        return TypedResults.NoContent();
    }
}
