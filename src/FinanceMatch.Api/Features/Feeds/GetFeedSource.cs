using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class GetFeedSource
{
    public sealed record Query(Guid Id) : IRequest<FeedSourceDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, FeedSourceDto>
    {
        public async ValueTask<FeedSourceDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var source = await db
                .FeedSources.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == query.Id, cancellationToken);
            return (source ?? throw new NotFoundException("No feed source has this id.")).ToDto();
        }
    }

    internal static async Task<FeedSourceDto> Endpoint(Guid id, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id), ct);
}
