using Cronos;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using WireFeedType = FinanceMatch.Client.Contracts.FeedType;

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
