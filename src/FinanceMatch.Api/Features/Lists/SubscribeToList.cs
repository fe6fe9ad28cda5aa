using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainListSubscription = FinanceMatch.Core.Lists.ListSubscription;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// A bank subscribes to a list shared with it (another list is 404): from then on each batch that lists new firms sends
/// its <c>listMembersAdded</c> webhooks the ones that have consented to it. Subscribing again changes nothing.
/// </summary>
public static class SubscribeToList
{
    public sealed record Command(Guid ListId, Caller Caller) : IRequest<ListDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ListDto>
    {
        public async ValueTask<ListDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var caller = command.Caller;
            var list = await ListAccess.FindVisibleAsync(db, caller, command.ListId, cancellationToken);
            var now = clock.GetUtcNow();
            var subscription = DomainListSubscription.Of(list, caller.SubjectId, now);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO financematch.list_subscriptions (list_id, institution_id, created_at)
                VALUES ({subscription.ListId}, {subscription.InstitutionId}, {subscription.CreatedAt})
                ON CONFLICT DO NOTHING
                """,
                cancellationToken
            );
            return list.ToDtoFor(caller, DateOnly.FromDateTime(now.UtcDateTime), true);
        }
    }

    internal static async Task<ListDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(id, caller), ct);
}
