using System.Diagnostics;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Feeds;
using FinanceMatch.Core.Feeds.Parsing;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Parses, validates and applies one batch in a single transaction: rows stream from the stored payload through the
/// validator into a binary COPY to an unlogged staging table; duplicates inside the batch are resolved (the last row wins);
/// one set-based upsert applies them. A crash or retry at any point leaves either nothing applied or the whole batch,
/// never half; a per-batch advisory lock makes a second worker wait and then find the batch finished.
/// </summary>
public static partial class ProcessBatch
{
    public sealed record Command(Guid BatchId) : IRequest<BatchStatus>;

    public sealed partial class Handler(
        NpgsqlDataSource dataSource,
        Profiles.ProfileRebuildTrigger rebuilds,
        IBackgroundJobClient jobs,
        IOptions<FeedOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger
    ) : IRequestHandler<Command, BatchStatus>
    {
        private const string StagingSchema = "financematch_staging";

        /// <summary>Rows of a batch applied one by one by their entity's rules (a bank's loan reports), held in memory.</summary>
        private const int MaxRuledRows = 200_000;

        public async ValueTask<BatchStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.BatchId;
            var limits = options.Value;
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await Sql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))", ct, id);

            var batch = await LoadAsync(connection, id, ct);
            if (batch is null)
                return BatchStatus.Failed;
            if (batch.Status is BatchStatus.Completed or BatchStatus.CompletedWithErrors or BatchStatus.Failed)
                return batch.Status;

            var started = Stopwatch.StartNew();
            await MarkStartedAsync(id, ct);
            var schema = FeedSchema.For(batch.FeedType);
            // An unlogged table in shared buffers, not a TEMP table: temp tables live in a small per-session buffer
            // (temp_buffers) and spill to disk on large batches. Created and dropped inside this transaction, so a crash
            // or rollback leaves no trace of it.
            var staging = $"{StagingSchema}.batch_{id:N}";
            // A bank's loan reports are moves of loans, checked one by one by the loan's rules: kept in memory, not staged.
            var ruled = schema.AppliedByItsOwnRules ? new List<(int Row, object?[] Values)>() : null;
            if (ruled is null)
                await Sql.ExecuteAsync(connection, schema.StagingTableSql(staging), ct);

            var errors = new List<(int Row, int Ordinal, FieldError Error)>();
            int total = 0,
                accepted = 0,
                rejected = 0;
            try
            {
                await using var payload = await BatchPayloadStream.OpenAsync(dataSource, id, ct);
                await using var rows = await FeedRowReader.OpenAsync(batch.Format, payload, schema, ct);
                var raw = new string?[schema.Fields.Count];
                var typed = new object?[schema.Fields.Count];
                var rowErrors = new List<FieldError>();
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                await using (
                    var copy = ruled is null
                        ? await connection.BeginBinaryImportAsync(schema.CopySql(staging), ct)
                        : null
                )
                {
                    while (true)
                    {
                        rowErrors.Clear();
                        if (!await rows.ReadAsync(raw, rowErrors, ct))
                            break;
                        total++;
                        if (total > limits.MaxBatchRows)
                            throw new FeedFormatException($"A batch may hold at most {limits.MaxBatchRows:N0} rows.");
                        if (ruled is not null && total > MaxRuledRows)
                            throw new FeedFormatException(
                                $"A {batch.FeedType.Wire()} batch may hold at most {MaxRuledRows:N0} rows."
                            );
                        if (rowErrors.Count == 0 && schema.TryParseRow(raw, typed, rowErrors, today))
                        {
                            accepted++;
                            if (copy is null)
                                ruled!.Add((rows.RowNumber, (object?[])typed.Clone()));
                            else
                            {
                                // Synchronous, typed writes: the importer buffers and only touches the socket when its buffer is full.
                                copy.StartRow();
                                copy.Write(rows.RowNumber, NpgsqlDbType.Integer);
                                foreach (var value in typed)
                                    WriteValue(copy, value);
                            }
                        }
                        else
                        {
                            rejected++;
                            for (var i = 0; i < rowErrors.Count && errors.Count < limits.MaxStoredErrors; i++)
                                errors.Add((rows.RowNumber, i, rowErrors[i]));
                        }
                        if (total % limits.ProgressEveryRows == 0)
                            await ReportProgressAsync(id, payload.Position, batch.PayloadBytes, total, ct);
                    }
                    if (copy is not null)
                        await copy.CompleteAsync(ct);
                }
            }
            catch (FeedFormatException e)
            {
                await transaction.RollbackAsync(ct);
                await MarkFailedAsync(id, e.Message, total, ct);
                LogFailed(logger, id, e.Message);
                Telemetry.RecordBatch(batch.FeedType.Wire(), BatchStatus.Failed.Wire(), 0, 0, started.Elapsed);
                return BatchStatus.Failed;
            }

            var parsedIn = started.ElapsedMilliseconds;
            var now = clock.GetUtcNow();
            var requestRebuilds = accepted > 0;
            List<Guid> deliveries = []; // objectionResolved, for the objections a corrected record closes
            if (ruled is not null)
            {
                var applied = await Loans.LoanReports.ApplyBatchAsync(
                    connection,
                    transaction,
                    batch.InstitutionId!.Value,
                    id,
                    ruled,
                    now,
                    ct
                );
                foreach (var (row, error) in applied.Rejected.Take(Math.Max(0, limits.MaxStoredErrors - errors.Count)))
                    errors.Add((row, 0, error));
                (accepted, rejected) = (accepted - applied.Rejected.Count, rejected + applied.Rejected.Count);
                requestRebuilds = applied.Defaults > 0;
            }
            else if (batch.ListId is { } listId)
            {
                // A list's members: applied to the list, never upserted as records of firms; no profile changes. A replace
                // whose every row was rejected changes nothing: a broken file must not empty a list products rely on.
                if (accepted > 0)
                    await Lists.ListMembership.ApplyBatchAsync(
                        connection,
                        staging,
                        listId,
                        batch.ListReplace,
                        id,
                        now,
                        ct
                    );
                requestRebuilds = false;
                await Sql.ExecuteAsync(connection, $"DROP TABLE {staging}", ct);
            }
            else
            {
                if (accepted > 0 && schema.ForeignRowsSql(staging) is { } foreignRows)
                {
                    // Another department's records are not this one's to change: those rows are rejected, not applied.
                    var foreign = await Sql.ExecuteAsync(connection, foreignRows, ct, batch.DepartmentId, id);
                    (accepted, rejected) = (accepted - foreign, rejected + foreign);
                }
                if (accepted > 0)
                {
                    // Department records always have their department (only bank loan reports have none, applied above).
                    var departmentId = batch.DepartmentId!.Value;
                    var corrected = await CorrectedObjectionsAsync(connection, schema, staging, departmentId, ct);
                    await Sql.ExecuteAsync(connection, schema.UpsertSql(staging), ct, batch.DepartmentId, id, now);
                    deliveries = await CloseCorrectedObjectionsAsync(connection, corrected, departmentId, now, ct);
                    // The seam to profile rebuilding: every firm this batch touched, committed with the batch itself. A
                    // firm already asked for keeps its first request's time: the drain's waiting is bounded from it.
                    await Sql.ExecuteAsync(
                        connection,
                        $"""
                        INSERT INTO financematch.profile_rebuild_requests (uscc, requested_at)
                        SELECT DISTINCT uscc, $1 FROM {staging}
                        ON CONFLICT (uscc) DO NOTHING
                        """,
                        ct,
                        now
                    );
                }
                await Sql.ExecuteAsync(connection, $"DROP TABLE {staging}", ct);
            }
            var appliedIn = started.ElapsedMilliseconds - parsedIn;
            await WriteErrorsAsync(connection, id, errors, ct);
            if (batch.SourceId is { } sourceId)
            {
                // The pull cursor moves in the same transaction that commits the page it fetched: no page lost or repeated.
                await Sql.ExecuteAsync(
                    connection,
                    "UPDATE financematch.feed_sources SET cursor = COALESCE($2, cursor), last_pulled_at = $3, last_error = NULL WHERE id = $1",
                    ct,
                    sourceId,
                    (object?)batch.SourceNextCursor ?? DBNull.Value,
                    now
                );
            }
            var status = rejected == 0 ? BatchStatus.Completed : BatchStatus.CompletedWithErrors;
            await Sql.ExecuteAsync(
                connection,
                """
                UPDATE financematch.feed_batches
                SET status = $2, completed_at = $3, total_rows = $4, accepted_rows = $5, rejected_rows = $6, progress = 1, failure_reason = NULL
                WHERE id = $1
                """,
                ct,
                id,
                status.ToString(),
                now,
                total,
                accepted,
                rejected
            );
            await transaction.CommitAsync(ct);
            Telemetry.RecordBatch(batch.FeedType.Wire(), status.Wire(), accepted, rejected, started.Elapsed);
            if (requestRebuilds)
                await rebuilds.RequestAsync(ct);
            foreach (var delivery in deliveries) // the sweep sends any a crash here leaves behind
                jobs.Enqueue<Webhooks.DeliverWebhook.Job>(job => job.Run(delivery, CancellationToken.None));
            LogCompleted(
                logger,
                id,
                batch.FeedType,
                total,
                accepted,
                rejected,
                started.ElapsedMilliseconds,
                parsedIn,
                appliedIn
            );
            return status;
        }

        private static void WriteValue(NpgsqlBinaryImporter copy, object? value)
        {
            switch (value)
            {
                case null:
                    copy.WriteNull();
                    break;
                case string text:
                    copy.Write(text, NpgsqlDbType.Text);
                    break;
                case decimal amount:
                    copy.Write(amount, NpgsqlDbType.Numeric);
                    break;
                case DateOnly date:
                    copy.Write(date, NpgsqlDbType.Date);
                    break;
                case int count:
                    copy.Write(count, NpgsqlDbType.Integer);
                    break;
                default:
                    throw new InvalidOperationException($"No COPY mapping for {value.GetType()}.");
            }
        }

        private async Task<LoadedBatch?> LoadAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
        {
            await using var select = Sql.Command(
                connection,
                """
                SELECT department_id, feed_type, format, status, payload_bytes, source_id, source_next_cursor, institution_id,
                    list_id, list_replace
                FROM financematch.feed_batches WHERE id = $1
                """,
                id
            );
            await using var reader = await select.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                return null;
            return new LoadedBatch(
                reader.IsDBNull(0) ? null : reader.GetGuid(0),
                Enum.Parse<FeedType>(reader.GetString(1)),
                Enum.Parse<BatchFormat>(reader.GetString(2)),
                Enum.Parse<BatchStatus>(reader.GetString(3)),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetGuid(8),
                reader.GetBoolean(9)
            );
        }

        private sealed record LoadedBatch(
            Guid? DepartmentId,
            FeedType FeedType,
            BatchFormat Format,
            BatchStatus Status,
            long PayloadBytes,
            Guid? SourceId,
            string? SourceNextCursor,
            Guid? InstitutionId,
            Guid? ListId,
            bool ListReplace
        );

        // Status and progress are written outside the batch transaction so that readers see them while it runs.
        private Task MarkStartedAsync(Guid id, CancellationToken ct) =>
            ExecuteOnOwnConnectionAsync(
                "UPDATE financematch.feed_batches SET status = 'Processing', started_at = COALESCE(started_at, $2), progress = 0 WHERE id = $1",
                ct,
                id,
                clock.GetUtcNow()
            );

        private Task ReportProgressAsync(Guid id, long position, long size, int rows, CancellationToken ct) =>
            ExecuteOnOwnConnectionAsync(
                "UPDATE financematch.feed_batches SET progress = $2, total_rows = $3 WHERE id = $1",
                ct,
                id,
                size == 0 ? 0d : Math.Min(0.95, 0.95 * position / size),
                rows
            );

        private Task MarkFailedAsync(Guid id, string reason, int rows, CancellationToken ct) =>
            ExecuteOnOwnConnectionAsync(
                """
                UPDATE financematch.feed_batches
                SET status = 'Failed', failure_reason = $2, completed_at = $3, total_rows = $4, accepted_rows = 0, rejected_rows = 0, progress = 1
                WHERE id = $1
                """,
                ct,
                id,
                reason.Length > 2000 ? reason[..2000] : reason,
                clock.GetUtcNow(),
                rows
            );

        private async Task ExecuteOnOwnConnectionAsync(string sql, CancellationToken ct, params object[] parameters)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await Sql.ExecuteAsync(connection, sql, ct, parameters);
        }

        private static async Task WriteErrorsAsync(
            NpgsqlConnection connection,
            Guid batchId,
            List<(int Row, int Ordinal, FieldError Error)> errors,
            CancellationToken ct
        )
        {
            if (errors.Count == 0)
                return;
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY financematch.feed_batch_errors (batch_id, row_number, ordinal, field, message) FROM STDIN (FORMAT BINARY)",
                ct
            );
            foreach (var (row, ordinal, error) in errors)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(batchId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(ordinal, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(error.Field, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(
                    error.Message.Length > 500 ? error.Message[..500] : error.Message,
                    NpgsqlDbType.Text,
                    ct
                );
            }
            await copy.CompleteAsync(ct);
        }

        /// <summary>
        /// The open objections to this department's records that the batch's rows change (read before they are written).
        /// Most batches meet no objection: one index probe answers that before the staging rows are compared.
        /// </summary>
        private static async Task<List<Guid>> CorrectedObjectionsAsync(
            NpgsqlConnection connection,
            FeedSchema schema,
            string staging,
            Guid departmentId,
            CancellationToken ct
        )
        {
            var feedType = schema.FeedType.ToString();
            var any = await Sql.ScalarAsync<bool>(
                connection,
                "SELECT EXISTS (SELECT 1 FROM financematch.objections WHERE department_id = $1 AND status = 'Open' AND feed_type = $2)",
                ct,
                departmentId,
                feedType
            );
            return any
                ? await Sql.QueryAsync(
                    connection,
                    schema.CorrectedObjectionsSql(staging),
                    r => r.GetGuid(0),
                    ct,
                    departmentId,
                    feedType
                )
                : [];
        }

        /// <summary>
        /// The department pushed the corrected record: its objection closes as corrected in the batch's transaction, with the
        /// note the department gave when it answered (if it did), and the banks that read the record are told.
        /// </summary>
        private static async Task<List<Guid>> CloseCorrectedObjectionsAsync(
            NpgsqlConnection connection,
            List<Guid> objections,
            Guid departmentId,
            DateTimeOffset now,
            CancellationToken ct
        )
        {
            if (objections.Count == 0)
                return [];
            // Only the objections this statement closed are announced: one the department or an operator closed meanwhile
            // is not told twice.
            var closed = await Sql.QueryAsync(
                connection,
                """
                UPDATE financematch.objections SET status = 'Corrected', closed_by = 'CorrectedRecord', resolved_at = $2, resolved_by = $3,
                    resolution_note = coalesce(resolution_note, 'The department pushed the corrected record.')
                WHERE id = ANY ($1) AND status = 'Open'
                RETURNING id
                """,
                r => r.GetGuid(0),
                ct,
                objections.ToArray(),
                now,
                departmentId
            );
            return await Webhooks.WebhookOutbox.AddObjectionDeliveriesAsync(connection, closed, ct);
        }

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "Batch {BatchId} ({FeedType}): {Total} rows, {Accepted} applied, {Rejected} rejected in {Milliseconds} ms (parse and copy {ParseMilliseconds} ms, upsert {UpsertMilliseconds} ms)"
        )]
        private static partial void LogCompleted(
            ILogger logger,
            Guid batchId,
            FeedType feedType,
            int total,
            int accepted,
            int rejected,
            long milliseconds,
            long parseMilliseconds,
            long upsertMilliseconds
        );

        [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchId} failed: {Reason}")]
        private static partial void LogFailed(ILogger logger, Guid batchId, string reason);
    }

    public sealed class Job(ISender sender)
    {
        [Queue(JobQueues.Ingest)]
        [AutomaticRetry(Attempts = 10, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
        public Task Run(Guid batchId, CancellationToken ct) => sender.Send(new Command(batchId), ct).AsTask();
    }
}
