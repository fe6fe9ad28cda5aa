using System.Collections.Concurrent;
using System.Diagnostics;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// A FinanceMatch process of its own, started from the built API assembly: role "worker" (job workers, no HTTP) so a test
/// can kill it with SIGKILL or run several against one database, or role "api" on a loopback port. Separate processes
/// also keep Hangfire's process-wide job storage of one database away from the in-process test app's.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;

    private WorkerProcess(Process process) => this.process = process;

    public Uri? BaseAddress { get; private init; }

    public ConcurrentQueue<string> Output { get; } = new();
    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null) =>
        Start(connectionString, "worker", settings);

    /// <summary>An API-only process (no workers) on a free loopback port, ready when this returns.</summary>
    /// <summary>A loopback port nothing listens on now, for a process this test starts.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<WorkerProcess> StartApiAsync(
        string connectionString,
        IReadOnlyDictionary<string, string> settings
    )
    {
        var port = FreePort();
        var api = Start(
            connectionString,
            "api",
            new Dictionary<string, string>(settings)
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Database__MigrateOnStartup"] = "true",
                ["Bootstrap__OperatorClientId"] = FinanceMatchApp.OperatorClientId,
                ["Bootstrap__OperatorClientSecret"] = FinanceMatchApp.OperatorSecret,
            }
        );
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        try
        {
            await WaitUntilReadyAsync(api, http);
        }
        catch
        {
            // A process that never became ready is no test's to dispose: it must not outlive the run.
            await api.DisposeAsync();
            throw;
        }
        return api;
    }

    private static Task WaitUntilReadyAsync(WorkerProcess api, HttpClient http) =>
        Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            // A fresh database runs every migration first; on a loaded 2-core machine that has taken over a minute.
            TimeSpan.FromSeconds(120),
            () => "the API process did not become ready: " + string.Join('\n', api.Output)
        );

    private static WorkerProcess Start(
        string connectionString,
        string role,
        IReadOnlyDictionary<string, string>? settings
    )
    {
        var start = new ProcessStartInfo("dotnet", [ApiAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__FinanceMatch"] = connectionString;
        start.Environment["FinanceMatch__Role"] = role;
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["Jobs__QueuePollMilliseconds"] = "100";
        // A killed worker's job is handed to another worker once its lease runs out; short here so the test is quick.
        start.Environment["Jobs__InvisibilityTimeoutSeconds"] = "10";
        // The tests drive everything from one address; the rate-limit test sets its own limits.
        start.Environment["RateLimits__TokenRequestsPerMinute"] = "1000000";
        start.Environment["RateLimits__AnonymousRequestsPerMinute"] = "1000000";
        start.Environment["RateLimits__ClientBurst"] = "1000000";
        start.Environment["RateLimits__ClientRequestsPerSecond"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__FinanceMatch"] = "Information";
        start.Environment["Logging__LogLevel__Hangfire"] = "Information";
        foreach (var (key, value) in FinanceMatchApp.SharedSettings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var worker = new WorkerProcess(Process.Start(start)!)
        {
            BaseAddress = settings?.TryGetValue("ASPNETCORE_URLS", out var url) == true ? new Uri(url) : null,
        };
        worker.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                worker.Output.Enqueue(e.Data);
        };
        worker.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                worker.Output.Enqueue(e.Data);
        };
        worker.process.BeginOutputReadLine();
        worker.process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>SIGKILL: no shutdown hooks, no chance to finish or roll back politely.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>The API assembly built beside the tests, in the same configuration.</summary>
    private static string ApiAssembly() => BuiltAssembly("FinanceMatch.Api");

    /// <summary>A project of src/ as this test run built it (same configuration and framework).</summary>
    public static string BuiltAssembly(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FinanceMatch.sln")))
            root = root.Parent;
        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/{project} first.", path);
    }
}
