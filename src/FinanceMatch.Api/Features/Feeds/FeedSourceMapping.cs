using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Feeds;
using Hangfire;
using FeedType = FinanceMatch.Client.Contracts.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

internal static class FeedSourceMapping
{
    public static FeedSourceDto ToDto(this FeedSource s) =>
        new(
            s.Id,
            s.DepartmentId,
            s.FeedType.Map<FeedType>(),
            s.BaseUrl,
            s.Cron,
            s.ProtectedApiKey is not null,
            s.Cursor,
            s.CreatedAt,
            s.LastPulledAt,
            s.LastError
        );

    /// <summary>Each source has one recurring job with a stable id; registering again only updates it.</summary>
    public static void Schedule(this IRecurringJobManager jobs, FeedSource source) =>
        jobs.AddOrUpdate<PullFeedSource.Job>(
            source.RecurringJobId,
            JobQueues.Ingest,
            job => job.Run(source.Id, CancellationToken.None),
            source.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }
        );
}
