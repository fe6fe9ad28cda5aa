using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>One list the caller may see (operators, its department, the banks it is shared with); else 404.</summary>
public static class GetList
{
    public sealed record Query(Guid ListId, Caller Caller) : IRequest<ListDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ListDto>
    {
        public async ValueTask<ListDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var caller = query.Caller;
            var list = await ListAccess.FindVisibleAsync(db, caller, query.ListId, cancellationToken);
            bool? subscribed = caller.Is(DomainRole.Bank)
                ? await db.ListSubscriptions.AnyAsync(
                    s => s.ListId == list.Id && s.InstitutionId == caller.SubjectId,
                    cancellationToken
                )
                : null;
            return list.ToDtoFor(caller, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), subscribed);
        }
    }

    internal static async Task<ListDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
