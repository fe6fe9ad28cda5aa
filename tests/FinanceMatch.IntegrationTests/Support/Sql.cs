using Npgsql;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Direct reads and writes of the test database, to check what the API wrote, through the project's one SQL helper.</summary>
public static class Sql
{
    private static NpgsqlDataSource? dataSource;
    private static NpgsqlDataSource DataSource =>
        dataSource ??= NpgsqlDataSource.Create(TestRun.Database.ConnectionString);

    public static Task<T> ScalarAsync<T>(string sql, params object?[] parameters) =>
        Api.Infrastructure.Sql.ScalarAsync<T>(DataSource, sql, CancellationToken.None, parameters);

    public static Task<List<T>> QueryAsync<T>(
        string sql,
        Func<NpgsqlDataReader, T> read,
        params object?[] parameters
    ) => Api.Infrastructure.Sql.QueryAsync(DataSource, sql, read, CancellationToken.None, parameters);

    public static Task<int> ExecuteAsync(string sql, params object?[] parameters) =>
        Api.Infrastructure.Sql.ExecuteAsync(DataSource, sql, CancellationToken.None, parameters);
}
