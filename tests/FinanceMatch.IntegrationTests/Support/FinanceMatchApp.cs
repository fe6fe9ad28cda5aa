using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>The real API (role "all": HTTP plus a real Hangfire server) on the test run's own database.</summary>
public sealed class FinanceMatchApp(
    string connectionString,
    string role = "all",
    IReadOnlyDictionary<string, string>? settings = null
) : WebApplicationFactory<Program>
{
    public const string OperatorClientId = "test-operator";
    public const string OperatorSecret = "test-operator-secret-0123456789";

    /// <summary>Smaller than production limits so the 413 paths are cheap to reach.</summary>
    public const long MaxBatchBytes = 4L * 1024 * 1024;
    public const int MaxBatchRows = 50_000;

    /// <summary>The run's Data Protection key ring (declared first: the settings below read it).</summary>
    private static string KeysDirectory { get; } = Directory.CreateTempSubdirectory("financematch-test-keys-").FullName;

    /// <summary>What every process of a test run shares: the licence issuer it trusts and the Data Protection key ring.</summary>
    public static IReadOnlyDictionary<string, string> SharedSettings { get; } =
        new Dictionary<string, string>
        {
            ["Verification:LicenceIssuer"] = FakeLicenceIssuer.Issuer,
            ["Verification:LicenceIssuerKeys"] = FakeLicenceIssuer.Instance.Jwks,
            ["DataProtection:KeysDirectory"] = KeysDirectory,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:FinanceMatch", connectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("FinanceMatch:Role", role);
        builder.UseSetting("Bootstrap:OperatorClientId", OperatorClientId);
        builder.UseSetting("Bootstrap:OperatorClientSecret", OperatorSecret);
        builder.UseSetting("Jobs:QueuePollMilliseconds", "100");
        builder.UseSetting(
            "Feeds:MaxBatchBytes",
            MaxBatchBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting(
            "Feeds:MaxBatchRows",
            MaxBatchRows.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting("Feeds:PullRetryBaseDelayMilliseconds", "50");
        builder.UseSetting("Feeds:ProgressEveryRows", "500");
        builder.UseSetting("Profiles:RebuildDelaySeconds", "1");
        builder.UseSetting("Webhooks:RetryBaseMilliseconds", "300");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Hangfire", "Warning");
        foreach (var (key, value) in SharedSettings)
            builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }
}
