using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Feeds;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Every table of monthly records has a partition for each month from the retention cutoff to three months ahead
/// (<see cref="FeedPartitions"/>): run at the start of every worker process and daily. A month's rows that arrived
/// before its partition existed wait in the default partition and are moved in when it is created. The database
/// function (migration PartitionFeedTablesByPeriod) holds one lock while it works, so processes starting together
/// create each partition once.
/// </summary>
public static partial class MaintainFeedPartitions
{
    public const string RecurringJobId = "maintain-feed-partitions";

    /// <returns>The partitions created.</returns>
    public sealed record Command : IRequest<int>;

    public sealed class Handler(
        NpgsqlDataSource dataSource,
        IOptions<FeedOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var (from, to) = FeedPartitions.Window(
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
                options.Value.PeriodRetentionMonths
            );
            var created = 0;
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            foreach (var schema in FeedSchema.Monthly)
            {
                created += await Sql.ScalarAsync<int>(
                    connection,
                    "SELECT financematch.ensure_period_partitions($1, $2, $3)",
                    ct,
                    schema.Table,
                    from,
                    to
                );
            }
            if (created > 0)
                LogCreated(logger, created, from, to);
            return created;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(RecurringJobId, token => sender.Send(new Command(), token).AsTask(), ct);
    }

    /// <summary>At start-up, before the first batch of a new month can arrive.</summary>
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Command(), ct);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Created {Created} monthly partitions of the feed tables (window {From} to {To})"
    )]
    private static partial void LogCreated(ILogger logger, int created, DateOnly from, DateOnly to);
}
