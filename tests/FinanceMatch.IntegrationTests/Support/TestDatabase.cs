using Npgsql;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>A fresh PostgreSQL database for one test run, created beside the one named by ConnectionStrings__FinanceMatch.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private TestDatabase(string adminConnectionString, string connectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }
    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var configured =
            Environment.GetEnvironmentVariable("ConnectionStrings__FinanceMatch")
            ?? throw new InvalidOperationException(
                "ConnectionStrings__FinanceMatch is not set; run the tests with scripts/test.sh."
            );
        var admin = new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false };
        var name = $"financematch_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var test = new NpgsqlConnectionStringBuilder(configured) { Database = name, MaxPoolSize = 200 };
        return new TestDatabase(admin.ConnectionString, test.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
