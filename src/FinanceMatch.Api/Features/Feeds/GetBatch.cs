using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class GetBatch
{
    public sealed record Query(Guid Id, Caller Caller) : IRequest<BatchDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, BatchDto>
    {
        public async ValueTask<BatchDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var batch = await db
                .FeedBatches.AsNoTracking()
                .VisibleTo(query.Caller)
                .SingleOrDefaultAsync(b => b.Id == query.Id, cancellationToken);
            return (batch ?? throw new NotFoundException("No batch has this id.")).ToDto();
        }
    }

    internal static async Task<BatchDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
