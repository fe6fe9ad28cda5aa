using Npgsql;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Plain SQL on an open connection (and its transaction, if one is running) for the set-based paths EF would make slow.</summary>
internal static class Sql
{
    /// <summary>Runs <paramref name="sql"/> with positional parameters ($1, $2, …) and no time limit (bulk statements may run long).</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
