using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Objections;

public static class GetObjection
{
    public sealed record Query(Caller Caller, Guid Id) : IRequest<ObjectionDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, ObjectionDto>
    {
        public async ValueTask<ObjectionDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var objection =
                await db.Objections.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("No objection has this id.");
            objection.EnsureVisibleTo(query.Caller);
            return objection.ToDto(clock.GetUtcNow(), query.Caller);
        }
    }

    internal static async Task<ObjectionDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(caller, id), ct);
}
