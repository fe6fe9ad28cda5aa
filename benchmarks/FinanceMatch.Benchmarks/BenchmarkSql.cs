using Npgsql;
using Sql = FinanceMatch.Api.Infrastructure.Sql;

namespace FinanceMatch.Benchmarks;

/// <summary>The project's one SQL helper, on the benchmark database: setup, checks and pg_stat_statements.</summary>
internal static class BenchmarkSql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Sql.ExecuteAsync(dataSource, sql, CancellationToken.None);
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await Sql.ScalarAsync<long>(dataSource, sql, CancellationToken.None);
    }

    /// <summary>Starts counting statements afresh, when the server loads pg_stat_statements (scripts/postgres.sh does).</summary>
    public static async Task<bool> ResetStatementStatisticsAsync(string connectionString)
    {
        try
        {
            await ExecuteAsync(
                connectionString,
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();"
            );
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
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await Sql.QueryAsync(
            dataSource,
            """
            SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT $1
            """,
            reader =>
            {
                var query = reader.GetString(3);
                return string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"| {reader.GetInt64(0):N0} | {reader.GetDouble(1):N0} | {reader.GetDouble(2):0.00} | `{(query.Length > 110 ? query[..110] + "…" : query)}` |"
                );
            },
            CancellationToken.None,
            count
        );
    }
}
