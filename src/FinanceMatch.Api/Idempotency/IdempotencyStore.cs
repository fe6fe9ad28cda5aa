using FinanceMatch.Api.Infrastructure;
using Npgsql;

namespace FinanceMatch.Api.Idempotency;

public abstract record IdempotencyClaim
{
    /// <summary>This request owns the key: run it.</summary>
    public sealed record Acquired : IdempotencyClaim;

    /// <summary>The first request finished: answer with its response.</summary>
    public sealed record Replay(int StatusCode, string? Location, string? Body) : IdempotencyClaim;

    /// <summary>The key was used with a different request (422).</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request is still running (409).</summary>
    public sealed record InProgress : IdempotencyClaim;
}

/// <summary>
/// Keys live in PostgreSQL so every API process sees them. A claim is committed on its own, so a concurrent
/// repeat sees it at once (409); the response is recorded inside the request's own transaction, so a crash
/// leaves either nothing done (claim goes stale and may be retaken) or the work and its response together.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>A claim older than this with no response belongs to a request that died; it may be retaken.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(48);

    /// <summary>
    /// Claims the key for this request: null when the request may go ahead, the first response when it was answered
    /// already; 422 for a key used with a different request, 409 while the first is still in progress.
    /// </summary>
    public async Task<IdempotencyClaim.Replay?> ClaimOrReplayAsync(
        string scope,
        string key,
        string requestHash,
        CancellationToken ct
    ) =>
        await ClaimAsync(scope, key, requestHash, ct) switch
        {
            IdempotencyClaim.Mismatch => throw new Core.Common.UnprocessableException(
                "This Idempotency-Key was already used with a different request."
            ),
            IdempotencyClaim.InProgress => throw new Core.Common.ConflictException(
                "A request with this Idempotency-Key is still in progress."
            ),
            IdempotencyClaim.Replay replay => replay,
            _ => null,
        };

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (
            var insert = Sql.Command(
                connection,
                """
                INSERT INTO financematch.idempotency_keys (caller_scope, key, request_hash, created_at)
                VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING
                """,
                scope,
                key,
                requestHash,
                now
            )
        )
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 1)
                return new IdempotencyClaim.Acquired();
        }

        await using var select = Sql.Command(
            connection,
            """
            SELECT request_hash, created_at, completed_at, status_code, location, response_body
            FROM financematch.idempotency_keys WHERE caller_scope = $1 AND key = $2
            """,
            scope,
            key
        );
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return await ClaimAsync(scope, key, requestHash, ct); // removed meanwhile
        var storedHash = reader.GetString(0);
        var createdAt = reader.GetFieldValue<DateTimeOffset>(1);
        var completed = !reader.IsDBNull(2);
        if (storedHash != requestHash)
            return new IdempotencyClaim.Mismatch();
        if (completed)
            return new IdempotencyClaim.Replay(
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)
            );
        await reader.CloseAsync();
        if (now - createdAt < StaleAfter)
            return new IdempotencyClaim.InProgress();

        await using var takeOver = Sql.Command(
            connection,
            """
            UPDATE financematch.idempotency_keys SET created_at = $3
            WHERE caller_scope = $1 AND key = $2 AND created_at = $4 AND completed_at IS NULL
            """,
            scope,
            key,
            now,
            createdAt
        );
        return await takeOver.ExecuteNonQueryAsync(ct) == 1
            ? new IdempotencyClaim.Acquired()
            : new IdempotencyClaim.InProgress();
    }

    /// <summary>Records the response in the current transaction of <paramref name="connection"/>, beside the work it describes.</summary>
    public async Task RecordResponseAsync(
        NpgsqlConnection connection,
        string scope,
        string key,
        int statusCode,
        string? location,
        string? body,
        CancellationToken ct
    )
    {
        await using var update = Sql.Command(
            connection,
            """
            UPDATE financematch.idempotency_keys
            SET completed_at = $3, status_code = $4, location = $5, response_body = $6::json
            WHERE caller_scope = $1 AND key = $2
            """,
            scope,
            key,
            clock.GetUtcNow(),
            statusCode,
            (object?)location ?? DBNull.Value,
            (object?)body ?? DBNull.Value
        );
        await update.ExecuteNonQueryAsync(ct);
    }

    public async Task ReleaseAsync(string scope, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var delete = Sql.Command(
            connection,
            "DELETE FROM financematch.idempotency_keys WHERE caller_scope = $1 AND key = $2 AND completed_at IS NULL",
            scope,
            key
        );
        await delete.ExecuteNonQueryAsync();
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var delete = Sql.Command(
            connection,
            "DELETE FROM financematch.idempotency_keys WHERE created_at < $1",
            clock.GetUtcNow() - KeptFor
        );
        return await delete.ExecuteNonQueryAsync(ct);
    }
}
