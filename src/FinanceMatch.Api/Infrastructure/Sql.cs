using System.Globalization;
using Npgsql;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// Plain SQL for the set-based paths EF would make slow, the one way the code, the tests and the benchmarks run it:
/// positional parameters (<c>$1</c>, <c>$2</c>, …) given in order, on an open connection (and in its transaction, if one
/// runs) or on a pooled one from a data source. Statements longer than a few lines live in .sql files beside their slice.
/// </summary>
public static partial class Sql
{
    /// <summary>
    /// A statement kept in a .sql file beside its slice (<c>Features/&lt;Area&gt;/Sql/&lt;Name&gt;.sql</c>, an embedded resource),
    /// by "&lt;Area&gt;.&lt;Name&gt;": the code, the tests and the benchmarks' pgbench floors run the very same text.
    /// </summary>
    public static string Load(string name) => Loaded.GetOrAdd(name, Read);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Loaded = new(
        StringComparer.Ordinal
    );

    private static string Read(string name)
    {
        var parts = name.Split('.');
        if (parts.Length != 2)
            throw new ArgumentException($"A statement is named <Area>.<Name> (was '{name}').", nameof(name));
        var resource = $"FinanceMatch.Api.Features.{parts[0]}.Sql.{parts[1]}.sql";
        using var stream =
            typeof(Sql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded SQL resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A statement kept in a .sql file with <c>{{name}}</c> placeholders filled in: identifiers only (a staging table's
    /// name, which no parameter can carry), checked to be one, never values (those are parameters).
    /// </summary>
    public static string Load(string name, params (string Placeholder, string Identifier)[] identifiers)
    {
        var text = Load(name);
        foreach (var (placeholder, identifier) in identifiers)
        {
            if (!Identifier().IsMatch(identifier))
                throw new ArgumentException($"'{identifier}' is not a plain SQL identifier.", nameof(identifiers));
            text = text.Replace("{{" + placeholder + "}}", identifier, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>
    /// A statement kept in a .sql file whose variants differ by whole lines: a line ending in <c>-- only: &lt;variant&gt;</c>
    /// is kept when that variant is asked for and dropped otherwise (a targeted rebuild's filter, absent from the full one).
    /// Each variant is its own text, so each keeps its own plan.
    /// </summary>
    public static string WithOptionalLines(string name, params string[] variants)
    {
        var lines = Load(name).Split('\n');
        var kept = lines.Where(line =>
            OptionalLine().Match(line) is not { Success: true } only || variants.Contains(only.Groups[1].Value)
        );
        var unknown = variants.Where(v => !lines.Any(l => OptionalLine().Match(l).Groups[1].Value == v)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{name} has no lines for {string.Join(", ", unknown)}.", nameof(variants));
        return string.Join('\n', kept);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\s--\s*only:\s*([A-Za-z]+)\s*$")]
    private static partial System.Text.RegularExpressions.Regex OptionalLine();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Identifier();

    /// <summary>Every statement kept in a .sql file, by name (start-up reads them all, so a missing or empty one stops it).</summary>
    public static IReadOnlyDictionary<string, string> LoadAll()
    {
        const string prefix = "FinanceMatch.Api.Features.";
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (
            var resource in typeof(Sql)
                .Assembly.GetManifestResourceNames()
                .Where(r =>
                    r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)
                )
        )
        {
            var parts = resource[prefix.Length..^".sql".Length].Split('.');
            var name = $"{parts[0]}.{parts[^1]}";
            var text = Load(name);
            if (string.IsNullOrWhiteSpace(text))
                throw new InvalidOperationException($"The SQL statement {name} is empty.");
            all[name] = text;
        }
        return all;
    }

    /// <summary>
    /// A command with positional parameters (an <see cref="NpgsqlParameter"/> given as one is taken as it is; null is SQL
    /// NULL) and the connection's statement time limit.
    /// </summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(
                parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value }
            );
        return command;
    }

    /// <summary>
    /// A statement of an <see cref="NpgsqlBatch"/> (several statements sent in one round trip), its positional parameters
    /// given as <see cref="Command"/> takes them.
    /// </summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(
                parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter ?? DBNull.Value }
            );
        return command;
    }

    /// <summary>Runs a statement with no time limit (the bulk paths' statements may run long); returns the rows it touched.</summary>
    public static async Task<int> ExecuteAsync(
        NpgsqlConnection connection,
        string sql,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var command = Command(connection, sql, parameters);
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<int> ExecuteAsync(
        NpgsqlDataSource dataSource,
        string sql,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ExecuteAsync(connection, sql, ct, parameters);
    }

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/>; default when there is no row or it is NULL.</summary>
    public static async Task<T> ScalarAsync<T>(
        NpgsqlConnection connection,
        string sql,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var command = Command(connection, sql, parameters);
        var result = await command.ExecuteScalarAsync(ct);
        if (result is null or DBNull)
            return default!;
        if (result is T typed)
            return typed;
        return (T)
            Convert.ChangeType(
                result,
                Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T),
                CultureInfo.InvariantCulture
            );
    }

    public static async Task<T> ScalarAsync<T>(
        NpgsqlDataSource dataSource,
        string sql,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ScalarAsync<T>(connection, sql, ct, parameters);
    }

    /// <summary>Each row read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(
        NpgsqlConnection connection,
        string sql,
        Func<NpgsqlDataReader, T> read,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
            rows.Add(read(reader));
        return rows;
    }

    public static async Task<List<T>> QueryAsync<T>(
        NpgsqlDataSource dataSource,
        string sql,
        Func<NpgsqlDataReader, T> read,
        CancellationToken ct,
        params object?[] parameters
    )
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await QueryAsync(connection, sql, read, ct, parameters);
    }
}
