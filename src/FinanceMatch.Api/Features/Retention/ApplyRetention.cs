using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Feeds;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FinanceMatch.Api.Features.Retention;

/// <summary>
/// The nightly retention round, by law and by configuration: adverse records (penalties, court records) five years
/// after they ended (revoked or closed, else decided or filed; 征信业管理条例 art. 16); raw uploaded batch payloads after
/// <c>Feeds:PayloadRetentionDays</c>; webhook bodies of finished deliveries after <c>Webhooks:PayloadRetentionDays</c>
/// (the delivery log stays); monthly records (tax, social security, utilities, housing fund) older than
/// <c>Feeds:PeriodRetentionMonths</c>, a whole month's partition at a time. Access records are not touched: the database refuses to delete one younger than five
/// years. Each rule logs what it removed; a repeated round removes nothing more.
/// </summary>
public static partial class ApplyRetention
{
    public const string RecurringJobId = "apply-retention";
    public static readonly int AdverseRecordYears = 5;

    public sealed record Command : IRequest<RetentionResult>;

    public sealed record RetentionResult(
        int Penalties,
        int JudicialRecords,
        int PayloadChunks,
        int WebhookPayloads,
        int Seizures = 0,
        long MonthlyRecords = 0
    );

    public sealed class Handler(
        NpgsqlDataSource dataSource,
        IOptions<FeedOptions> feeds,
        IOptions<WebhookOptions> webhooks,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, RetentionResult>
    {
        public async ValueTask<RetentionResult> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var adverseCutoff = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-AdverseRecordYears);
            var penalties = await ExecuteAsync(
                "DELETE FROM financematch.penalty_records WHERE coalesce(revoked_on, decided_on) < $1",
                adverseCutoff,
                ct
            );
            var judicial = await ExecuteAsync(
                "DELETE FROM financematch.judicial_records WHERE coalesce(closed_on, filed_on) < $1",
                adverseCutoff,
                ct
            );
            // A seizure of the firm's property is adverse too: five years after it was released.
            var seizures = await ExecuteAsync(
                "DELETE FROM financematch.real_estate_records WHERE kind = 'seizure' AND released_on < $1",
                adverseCutoff,
                ct
            );
            // Whole months go: a partition dropped is gone at once, where deleting its rows would leave dead tuples to vacuum.
            var monthsCutoff = FeedPartitions.RetentionCutoff(
                DateOnly.FromDateTime(now.UtcDateTime),
                feeds.Value.PeriodRetentionMonths
            );
            var monthly = 0L;
            foreach (var schema in FeedSchema.Monthly)
                monthly += await Sql.ScalarAsync<long>(
                    dataSource,
                    "SELECT financematch.drop_period_partitions_before($1, $2)",
                    ct,
                    schema.Table,
                    monthsCutoff
                );
            var chunks = await ExecuteAsync(
                """
                DELETE FROM financematch.feed_batch_chunks c USING financematch.feed_batches b
                WHERE b.id = c.batch_id AND b.received_at < $1 AND b.status IN ('Completed', 'CompletedWithErrors', 'Failed')
                """,
                now.AddDays(-feeds.Value.PayloadRetentionDays),
                ct
            );
            var bodies = await ExecuteAsync(
                """
                UPDATE financematch.webhook_deliveries SET payload = ''
                WHERE created_at < $1 AND status IN ('Delivered', 'Failed') AND payload <> ''
                """,
                now.AddDays(-webhooks.Value.PayloadRetentionDays),
                ct
            );
            LogApplied(
                logger,
                penalties,
                judicial,
                seizures,
                adverseCutoff,
                chunks,
                feeds.Value.PayloadRetentionDays,
                bodies,
                webhooks.Value.PayloadRetentionDays
            );
            if (monthly > 0)
                LogMonthsDropped(logger, monthly, monthsCutoff);
            return new RetentionResult(penalties, judicial, chunks, bodies, seizures, monthly);
        }

        private async Task<int> ExecuteAsync(string sql, object cutoff, CancellationToken ct)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(RecurringJobId, token => sender.Send(new Command(), token).AsTask(), ct);
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Retention: removed {Records} monthly records of periods before {Cutoff}"
    )]
    private static partial void LogMonthsDropped(ILogger logger, long records, DateOnly cutoff);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Retention: deleted {Penalties} penalties, {Judicial} court records and {Seizures} seizures that ended before {Cutoff}, "
            + "{Chunks} payload chunks of batches older than {PayloadDays} days, and emptied {Bodies} webhook bodies older than {WebhookDays} days"
    )]
    private static partial void LogApplied(
        ILogger logger,
        int penalties,
        int judicial,
        int seizures,
        DateOnly cutoff,
        int chunks,
        int payloadDays,
        int bodies,
        int webhookDays
    );
}
