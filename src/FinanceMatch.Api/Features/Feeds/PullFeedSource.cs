using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Feeds;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;
using Refit;
using DomainBatchFormat = FinanceMatch.Core.Feeds.BatchFormat;
using DomainBatchStatus = FinanceMatch.Core.Feeds.BatchStatus;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Pulls a department server page by page. Each page becomes a batch through the same pipeline as a push; the cursor
/// moves only in the transaction that commits that page's batch, so a failure at any point neither loses nor repeats a page.
/// One pull per source at a time (a session advisory lock); a pull first finishes pages an interrupted pull stored.
/// </summary>
public static partial class PullFeedSource
{
    public const string HttpClientName = "department-feeds";
    private const int MaxPagesPerRun = 10_000;

    public sealed record Command(Guid SourceId) : IRequest<int>;

    /// <summary>The department server could not be reached or answered with an error, after in-job retries.</summary>
    public sealed class DepartmentServerException(string message, Exception inner) : Exception(message, inner);

    public sealed partial class Handler(
        NpgsqlDataSource dataSource,
        SecretProtector protector,
        ISender sender,
        IHttpClientFactory httpClients,
        IOptions<FeedOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.SourceId;
            await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
            if (
                !await ScalarAsync<bool>(
                    lockConnection,
                    "SELECT pg_try_advisory_lock(hashtextextended($1::text, 1))",
                    ct,
                    id
                )
            )
            {
                LogBusy(logger, id);
                return 0;
            }
            try
            {
                return await PullAsync(id, ct);
            }
            finally
            {
                await ScalarAsync<bool>(
                    lockConnection,
                    "SELECT pg_advisory_unlock(hashtextextended($1::text, 1))",
                    CancellationToken.None,
                    id
                );
            }
        }

        private async Task<int> PullAsync(Guid id, CancellationToken ct)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            {
                foreach (var unfinished in await UnfinishedBatchesAsync(connection, id, ct))
                    await sender.Send(new ProcessBatch.Command(unfinished), ct);
            }

            var pages = 0;
            while (pages < MaxPagesPerRun)
            {
                var source = await LoadAsync(id, ct);
                if (source is null)
                    return pages;
                var page = await FetchAsync(source, ct);
                if (page.Records.Count == 0 && page.NextCursor is null)
                {
                    await RecordOutcomeAsync(id, null, ct);
                    break;
                }
                if (page.NextCursor is not null && page.NextCursor == source.Cursor)
                {
                    await RecordOutcomeAsync(
                        id,
                        $"The server returned the same cursor '{source.Cursor}' again; pulling stopped.",
                        ct
                    );
                    break;
                }

                var batch = FeedBatch.Receive(
                    Guid.CreateVersion7(clock.GetUtcNow()),
                    source.DepartmentId,
                    source.FeedType,
                    DomainBatchFormat.Json,
                    clock.GetUtcNow()
                );
                batch.FromSource(id, source.Cursor, page.NextCursor);
                await BatchStorage.StoreAsync(dataSource, batch, JsonSerializer.SerializeToUtf8Bytes(page.Records), ct);
                var status = await sender.Send(new ProcessBatch.Command(batch.Id), ct);
                pages++;
                if (status == DomainBatchStatus.Failed)
                {
                    await RecordOutcomeAsync(
                        id,
                        $"The page at cursor '{source.Cursor}' could not be read (batch {batch.Id}); pulling stopped.",
                        ct
                    );
                    break;
                }
                if (page.NextCursor is null)
                    break;
            }
            LogPulled(logger, id, pages);
            return pages;
        }

        private async Task<FeedPage> FetchAsync(Source source, CancellationToken ct)
        {
            var http = httpClients.CreateClient(HttpClientName);
            http.BaseAddress = new Uri(source.BaseUrl);
            if (source.ProtectedApiKey is not null)
                http.DefaultRequestHeaders.Add(
                    "X-Api-Key",
                    protector.Unprotect(SecretPurpose.FeedSourceApiKey, source.ProtectedApiKey)
                );
            var server = RestService.For<IDepartmentFeedServer>(http, FinanceMatchClient.Settings);
            var feedType = JsonNamingPolicy.CamelCase.ConvertName(source.FeedType.ToString());
            var limits = options.Value;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await server.GetRecordsAsync(feedType, source.Cursor, limits.PullPageSize, ct);
                }
                catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
                {
                    var reason = $"GET {source.BaseUrl}/records failed: {e.Message}";
                    if (attempt >= limits.PullRetryAttempts)
                    {
                        await RecordOutcomeAsync(source.Id, reason, ct);
                        // Hangfire retries the job later with its own, longer backoff; the cursor has not moved.
                        throw new DepartmentServerException(reason, e);
                    }
                    LogRetry(logger, source.Id, attempt, reason);
                    await Task.Delay(
                        TimeSpan.FromMilliseconds(limits.PullRetryBaseDelayMilliseconds * Math.Pow(2, attempt - 1)),
                        ct
                    );
                }
            }
        }

        private static bool IsTransient(Exception e) =>
            e switch
            {
                ApiException api => (int)api.StatusCode >= 500
                    || (int)api.StatusCode == 429
                    || (int)api.StatusCode == 408,
                HttpRequestException or TaskCanceledException or JsonException => true,
                _ => false,
            };

        private sealed record Source(
            Guid Id,
            Guid DepartmentId,
            DomainFeedType FeedType,
            string BaseUrl,
            string? ProtectedApiKey,
            string? Cursor
        );

        private async Task<Source?> LoadAsync(Guid id, CancellationToken ct)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var select = Sql.Command(
                connection,
                "SELECT department_id, feed_type, base_url, protected_api_key, cursor FROM financematch.feed_sources WHERE id = $1",
                id
            );
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            return new Source(
                id,
                reader.GetGuid(0),
                Enum.Parse<DomainFeedType>(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)
            );
        }

        private static async Task<List<Guid>> UnfinishedBatchesAsync(
            NpgsqlConnection connection,
            Guid sourceId,
            CancellationToken ct
        )
        {
            await using var select = Sql.Command(
                connection,
                "SELECT id FROM financematch.feed_batches WHERE source_id = $1 AND status IN ('Queued', 'Processing') ORDER BY received_at",
                sourceId
            );
            var ids = new List<Guid>();
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetGuid(0));
            return ids;
        }

        private async Task RecordOutcomeAsync(Guid id, string? error, CancellationToken ct)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var update = Sql.Command(
                connection,
                "UPDATE financematch.feed_sources SET last_pulled_at = $2, last_error = $3 WHERE id = $1",
                id,
                clock.GetUtcNow()
            );
            update.Parameters.Add(
                new()
                {
                    Value =
                        error is null ? DBNull.Value
                        : error.Length > 2000 ? error[..2000]
                        : error,
                    NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text,
                }
            );
            await update.ExecuteNonQueryAsync(ct);
        }

        private static async Task<T> ScalarAsync<T>(
            NpgsqlConnection connection,
            string sql,
            CancellationToken ct,
            Guid id
        )
        {
            await using var command = Sql.Command(connection, sql, id);
            return (T)(await command.ExecuteScalarAsync(ct))!;
        }

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Feed source {SourceId}: another pull is running; this one stops"
        )]
        private static partial void LogBusy(ILogger logger, Guid sourceId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Feed source {SourceId}: {Pages} page(s) pulled")]
        private static partial void LogPulled(ILogger logger, Guid sourceId, int pages);

        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "Feed source {SourceId}: attempt {Attempt} failed, retrying: {Reason}"
        )]
        private static partial void LogRetry(ILogger logger, Guid sourceId, int attempt, string reason);
    }

    public sealed class Job(ISender sender)
    {
        [Queue(JobQueues.Ingest)]
        [AutomaticRetry(Attempts = 8)]
        public Task Run(Guid sourceId, CancellationToken ct) => sender.Send(new Command(sourceId), ct).AsTask();
    }
}
