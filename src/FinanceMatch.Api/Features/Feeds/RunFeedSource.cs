using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class RunFeedSource
{
    public sealed record Command(Guid Id) : IRequest<FeedSourceRunDto>;

    public sealed class Handler(FinanceMatchDbContext db, IBackgroundJobClient jobs)
        : IRequestHandler<Command, FeedSourceRunDto>
    {
        public async ValueTask<FeedSourceRunDto> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.FeedSources.AnyAsync(s => s.Id == command.Id, cancellationToken))
                throw new NotFoundException("No feed source has this id.");
            var jobId = jobs.Enqueue<PullFeedSource.Job>(job => job.Run(command.Id, CancellationToken.None));
            return new FeedSourceRunDto(command.Id, jobId);
        }
    }

    internal static async Task<Accepted<FeedSourceRunDto>> Endpoint(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Accepted($"/api/v1/feed-sources/{id}", await sender.Send(new Command(id), ct));
}
