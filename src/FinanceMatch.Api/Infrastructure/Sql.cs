using Npgsql;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Plain SQL on an open connection (and its transaction, if one is running) for the set-based paths EF would make slow.</summary>
internal static class Sql
{
    /// <summary>Runs <paramref name="sql"/> with positional parameters ($1, $2, …) and no time limit (bulk statements may run long).</summary>
    /// <summary>
    /// A statement kept in a .sql file beside its slice (<c>Features/&lt;Area&gt;/Sql/&lt;Name&gt;.sql</c>, an embedded resource),
    /// by "&lt;Area&gt;.&lt;Name&gt;": benchmarks and pgbench floors can run the very same text.
    /// </summary>
    public static string Load(string name)
    {
        var parts = name.Split('.');
        var resource = $"FinanceMatch.Api.Features.{parts[0]}.Sql.{parts[1]}.sql";
        using var stream = typeof(Sql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded SQL resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
