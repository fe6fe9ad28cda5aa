using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>Plain SQL against the benchmark database, for setup and checks.</summary>
internal static class BenchmarkSql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Starts counting statements afresh, when the server loads pg_stat_statements (scripts/postgres.sh does).</summary>
    public static async Task<bool> ResetStatementStatisticsAsync(string connectionString)
    {
        try
        {
            await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();");
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The statements that took the most database time since the reset, one line each.</summary>
    public static async Task<List<string>> TopStatementsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            var query = reader.GetString(3);
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {reader.GetInt64(0):N0} | {reader.GetDouble(1):N0} | {reader.GetDouble(2):0.00} | `{(query.Length > 110 ? query[..110] + "…" : query)}` |"));
        }
        return lines;
    }
}
