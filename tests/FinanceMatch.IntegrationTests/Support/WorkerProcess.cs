using System.Collections.Concurrent;
using System.Diagnostics;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// A FinanceMatch process with role "worker" (job workers, no HTTP), started from the built API assembly, so a test can
/// kill it with SIGKILL or run several against one database.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process process;

    private WorkerProcess(Process process) => this.process = process;

    public ConcurrentQueue<string> Output { get; } = new();
    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(string connectionString, string name)
    {
        var start = new ProcessStartInfo("dotnet", [ApiAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ApiAssembly())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__FinanceMatch"] = connectionString;
        start.Environment["FinanceMatch__Role"] = "worker";
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["Jobs__QueuePollMilliseconds"] = "100";
        // A killed worker's job is handed to another worker once its lease runs out; short here so the test is quick.
        start.Environment["Jobs__InvisibilityTimeoutSeconds"] = "10";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__FinanceMatch"] = "Information";
        var worker = new WorkerProcess(Process.Start(start)!);
        worker.process.OutputDataReceived += (_, e) => { if (e.Data is not null) worker.Output.Enqueue(e.Data); };
        worker.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) worker.Output.Enqueue(e.Data); };
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
    private static string ApiAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FinanceMatch.sln"))) root = root.Parent;
        var path = Path.Combine(root!.FullName, "src", "FinanceMatch.Api", "bin", configuration, framework, "FinanceMatch.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/FinanceMatch.Api first.", path);
    }
}
