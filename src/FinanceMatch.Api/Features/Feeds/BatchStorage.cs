using System.Security.Cryptography;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Core.Feeds;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>Writes a batch row and its raw payload chunks; shared by pushed uploads and pulled pages.</summary>
internal static class BatchStorage
{
    public const int ChunkBytes = 1 << 20;

    public static async Task InsertBatchAsync(NpgsqlConnection connection, FeedBatch batch, CancellationToken ct)
    {
        await using var insert = Sql.Command(
            connection,
            """
            INSERT INTO financematch.feed_batches (id, department_id, feed_type, format, status, received_at, payload_bytes,
                total_rows, accepted_rows, rejected_rows, progress, source_id, source_cursor, source_next_cursor, institution_id,
                list_id, list_replace)
            VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, 0, $7, $8, $9, $10, $11, $12)
            """,
            batch.Id,
            new NpgsqlParameter
            {
                Value = (object?)batch.DepartmentId ?? DBNull.Value,
                NpgsqlDbType = NpgsqlDbType.Uuid,
            },
            batch.FeedType.ToString(),
            batch.Format.ToString(),
            batch.Status.ToString(),
            batch.ReceivedAt
        );
        insert.Parameters.Add(
            new() { Value = (object?)batch.SourceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }
        );
        insert.Parameters.Add(
            new() { Value = (object?)batch.SourceCursor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }
        );
        insert.Parameters.Add(
            new() { Value = (object?)batch.SourceNextCursor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text }
        );
        insert.Parameters.Add(
            new() { Value = (object?)batch.InstitutionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }
        );
        insert.Parameters.Add(
            new() { Value = (object?)batch.ListId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }
        );
        insert.Parameters.Add(new() { Value = batch.ListReplace, NpgsqlDbType = NpgsqlDbType.Boolean });
        await insert.ExecuteNonQueryAsync(ct);
    }

    public static async Task InsertChunkAsync(
        NpgsqlConnection connection,
        Guid batchId,
        int sequence,
        byte[] buffer,
        int length,
        CancellationToken ct
    )
    {
        await using var insert = Sql.Command(
            connection,
            "INSERT INTO financematch.feed_batch_chunks (batch_id, sequence, data) VALUES ($1, $2, $3)",
            batchId,
            sequence
        );
        insert.Parameters.Add(
            new NpgsqlParameter<ReadOnlyMemory<byte>>
            {
                TypedValue = buffer.AsMemory(0, length),
                NpgsqlDbType = NpgsqlDbType.Bytea,
            }
        );
        await insert.ExecuteNonQueryAsync(ct);
    }

    public static async Task UpdatePayloadAsync(NpgsqlConnection connection, FeedBatch batch, CancellationToken ct)
    {
        await using var update = Sql.Command(
            connection,
            "UPDATE financematch.feed_batches SET payload_bytes = $2, payload_sha256 = $3 WHERE id = $1",
            batch.Id,
            batch.PayloadBytes,
            batch.PayloadSha256!
        );
        await update.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stores a payload that is already in memory (a pulled page) as one queued batch, committed on its own.</summary>
    public static async Task StoreAsync(
        NpgsqlDataSource dataSource,
        FeedBatch batch,
        byte[] payload,
        CancellationToken ct
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await InsertBatchAsync(connection, batch, ct);
        for (int offset = 0, sequence = 0; offset < payload.Length; offset += ChunkBytes, sequence++)
        {
            var length = Math.Min(ChunkBytes, payload.Length - offset);
            await InsertChunkAsync(connection, batch.Id, sequence, payload[offset..(offset + length)], length, ct);
        }
        batch.Received(payload.Length, Convert.ToHexStringLower(SHA256.HashData(payload)));
        await UpdatePayloadAsync(connection, batch, ct);
        await transaction.CommitAsync(ct);
    }
}
