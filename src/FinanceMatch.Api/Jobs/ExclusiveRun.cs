using FinanceMatch.Api.Infrastructure;
using Npgsql;

namespace FinanceMatch.Api.Jobs;

/// <summary>
/// Runs a recurring sweep in one worker at a time across every process, and skips instead of waiting when another run
/// holds it. The hold is a PostgreSQL transaction-level advisory lock on a connection kept open for the run, so the
/// database drops it the moment that process dies. Hangfire's <c>DisableConcurrentExecution</c> did neither: its lock
/// outlived a killed worker until its timeout, and every later run parked a worker waiting for it, which starved the queue.
/// </summary>
public sealed partial class ExclusiveRun(NpgsqlDataSource dataSource, ILogger<ExclusiveRun> logger)
{
    /// <returns>Whether this run did the work (false: another run held it).</returns>
    public async Task<bool> RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // Rolled back when the connection is disposed or the server loses it; either releases the lock.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (
            var take = Sql.Command(connection, "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", name)
        )
        {
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
            {
                LogSkipped(logger, name);
                return false;
            }
        }
        await work(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Job} skipped: another worker is running it")]
    private static partial void LogSkipped(ILogger logger, string job);
}
