using System.Reflection;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>Which parts of FinanceMatch this process runs (<c>FinanceMatch__Role</c>).</summary>
public enum ProcessRole
{
    /// <summary>HTTP API and job workers in one process (default).</summary>
    All,

    /// <summary>HTTP API only; jobs are enqueued for workers elsewhere.</summary>
    Api,

    /// <summary>Job workers only, no HTTP.</summary>
    Worker,
}

/// <summary>The start-up decisions read from configuration, checked once so a bad value stops the process with its name.</summary>
/// <param name="Role">Which parts this process runs (<c>FinanceMatch__Role</c>).</param>
/// <param name="MigrateOnStartup">Whether the schema is migrated at start (<c>Database__MigrateOnStartup</c>).</param>
/// <param name="ConnectionString">The PostgreSQL connection string, with the platform's defaults added.</param>
/// <param name="IsGeneratingOpenApiDocument">The build-time OpenAPI generator loaded the app: no database is touched.</param>
/// <param name="DataProtectionKeysDirectory">
/// Where the Data Protection key ring lives (<c>DataProtection__KeysDirectory</c>): outside the database, shared by every
/// process. Required outside Development and Testing; there, without it, the framework's per-user default is used.
/// </param>
public sealed record StartupSettings(
    ProcessRole Role,
    bool MigrateOnStartup,
    string ConnectionString,
    bool IsGeneratingOpenApiDocument,
    string? DataProtectionKeysDirectory
)
{
    public bool RunsHttp => Role is ProcessRole.All or ProcessRole.Api;
    public bool RunsWorkers => Role is ProcessRole.All or ProcessRole.Worker && !IsGeneratingOpenApiDocument;

    public static StartupSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        // The build-time OpenAPI generator loads the app to read its endpoints: it must not touch a database.
        var generatingDocument = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

        var roleText = configuration["FinanceMatch:Role"];
        var role = ProcessRole.All;
        if (!string.IsNullOrWhiteSpace(roleText) && !Enum.TryParse(roleText, ignoreCase: true, out role))
            throw new InvalidOperationException($"FinanceMatch__Role must be all, api or worker (was '{roleText}').");

        var migrateText = configuration["Database:MigrateOnStartup"];
        var migrate = environment.IsDevelopment();
        if (!string.IsNullOrWhiteSpace(migrateText) && !bool.TryParse(migrateText, out migrate))
            throw new InvalidOperationException(
                $"Database__MigrateOnStartup must be true or false (was '{migrateText}')."
            );

        var connectionString = configuration.GetConnectionString("FinanceMatch");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (!generatingDocument)
                throw new InvalidOperationException(
                    "ConnectionStrings__FinanceMatch is not set: give the PostgreSQL connection string (scripts/run.sh starts a local one)."
                );
            connectionString = "Host=localhost;Database=unused";
        }
        var keysDirectory = configuration["DataProtection:KeysDirectory"];
        if (string.IsNullOrWhiteSpace(keysDirectory))
        {
            keysDirectory = null;
            if (!generatingDocument && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
                throw new InvalidOperationException(
                    "DataProtection__KeysDirectory is not set: give a directory outside the database for the key ring "
                        + "that encrypts signing keys, webhook secrets and feed-source API keys (every process must share it)."
                );
        }
        return new StartupSettings(
            role,
            migrate && !generatingDocument,
            WithPlatformDefaults(connectionString),
            generatingDocument,
            keysDirectory
        );
    }

    /// <summary>
    /// Connection settings for a platform that sends the same short statements again and again, unless the connection
    /// string already says otherwise. Statements (the matching query, report reads, job fetches) are prepared once per
    /// connection: planning the matching query costs about as much as running it. A connection going back to the pool is
    /// not reset: the reset is seven more statements each time a connection is taken (about fifteen times per matched
    /// request), and the platform leaves no session state behind (its advisory locks are transaction-scoped, except the
    /// feed pull's, which it releases itself; no SET, LISTEN or temporary tables).
    /// </summary>
    private static string WithPlatformDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 200;
        if (!SaysAnything(connectionString, "NoResetOnClose"))
            builder.NoResetOnClose = true;
        // Several hosts (a Patroni pair): a host found down or a standby is asked again after 2 s, not 10, so the
        // platform finds a newly promoted primary within seconds of its promotion.
        if (
            builder.Host?.Contains(',', StringComparison.Ordinal) == true
            && !SaysAnything(connectionString, "HostRecheckSeconds")
        )
            builder.HostRecheckSeconds = 2;
        return builder.ConnectionString;
    }

    /// <summary>Whether the connection string itself sets <paramref name="keyword"/> (spelt with or without spaces), to true or false.</summary>
    private static bool SaysAnything(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }
            .Keys.Cast<string>()
            .Any(k =>
                string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword, StringComparison.OrdinalIgnoreCase)
            );
}
