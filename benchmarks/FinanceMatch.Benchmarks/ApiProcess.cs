using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// The real API as its own process (Release build; role all unless told: api serves HTTP without workers, worker runs
/// jobs without HTTP), with its peak resident memory sampled while it runs.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>
    /// The Data Protection key ring every API process of one benchmark run shares; FINANCEMATCH_BENCH_KEYS_DIRECTORY
    /// keeps it with a database that outlives the run (scale.sh's world measured in place holds keys it protected).
    /// </summary>
    private static readonly string KeysDirectory = Environment.GetEnvironmentVariable(
        "FINANCEMATCH_BENCH_KEYS_DIRECTORY"
    )
        is { Length: > 0 } kept
        ? Directory.CreateDirectory(kept).FullName
        : Directory.CreateTempSubdirectory("financematch-bench-keys-").FullName;
    private readonly Process process;
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;
    private long peakRssBytes;

    private ApiProcess(Process process)
    {
        this.process = process;
        sampler = Task.Run(SampleAsync);
    }

    public string BaseUrl { get; private init; } = "";
    public long PeakRssBytes => Interlocked.Read(ref peakRssBytes);

    public void ResetPeak() => Interlocked.Exchange(ref peakRssBytes, CurrentRss());

    public static async Task<ApiProcess> StartAsync(
        string apiDll,
        string connectionString,
        int port,
        string operatorId,
        string operatorSecret,
        string role = "all"
    )
    {
        var start = new ProcessStartInfo("dotnet", [apiDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DataProtection__KeysDirectory"] = KeysDirectory;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__FinanceMatch"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "true";
        start.Environment["Bootstrap__OperatorClientId"] = operatorId;
        start.Environment["Bootstrap__OperatorClientSecret"] = operatorSecret;
        start.Environment["Jobs__QueuePollMilliseconds"] = "100";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__FinanceMatch"] = "Information";
        start.Environment["FinanceMatch__Role"] = role;
        // Every benchmark client comes from one address; production limits would measure the limiter, not the platform.
        start.Environment["RateLimits__TokenRequestsPerMinute"] = "1000000";
        start.Environment["RateLimits__AnonymousRequestsPerMinute"] = "1000000";
        start.Environment["RateLimits__ClientBurst"] = "1000000";
        start.Environment["RateLimits__ClientRequestsPerSecond"] = "1000000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Log.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Log.Enqueue(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process) { BaseUrl = $"http://127.0.0.1:{port}" };
        if (role == "worker")
            return api;
        using var http = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"{api.BaseUrl}/health/ready"))).IsSuccessStatusCode)
                    return api;
            }
            catch (HttpRequestException) { }
            if (process.HasExited)
                break;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("The API did not become ready:\n" + string.Join('\n', Log.TakeLast(40)));
    }

    /// <summary>Every line the API wrote, in order; written by its output and error readers at once.</summary>
    public static ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The timestamp and message of each log line after the first <paramref name="skip"/> that contains one of <paramref name="parts"/>.</summary>
    public static IEnumerable<string> MessagesSince(int skip, params string[] parts) =>
        Log.Skip(skip)
            .Where(l => parts.Any(p => l.Contains(p, StringComparison.Ordinal)))
            .Select(l =>
            {
                try
                {
                    using var json = System.Text.Json.JsonDocument.Parse(l);
                    var time = json.RootElement.GetProperty("Timestamp").GetString()?.Trim();
                    return $"{time?[11..^1]} {json.RootElement.GetProperty("Message").GetString()}";
                }
                catch (System.Text.Json.JsonException)
                {
                    return l;
                }
            });

    /// <summary>CPU time the API process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    private long CurrentRss()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status")
                .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null
                ? 0
                : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
                    * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task SampleAsync()
    {
        while (!sampling.IsCancellationRequested)
        {
            var rss = CurrentRss();
            long seen;
            while (
                rss > (seen = Interlocked.Read(ref peakRssBytes))
                && Interlocked.CompareExchange(ref peakRssBytes, rss, seen) != seen
            ) { }
            try
            {
                await Task.Delay(20, sampling.Token);
            }
            catch (TaskCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (sampling.IsCancellationRequested)
            return;
        await sampling.CancelAsync();
        await sampler;
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        sampling.Dispose();
    }
}
