using System.Diagnostics;
using System.Globalization;

namespace FinanceMatch.Benchmarks;

/// <summary>wrk, run as its own process on loopback, and what it reports.</summary>
internal static class Wrk
{
    public sealed record Result(
        double RequestsPerSecond,
        string P50,
        string P95,
        string P99,
        long Requests,
        long NonSuccess,
        string SocketErrors,
        string Output
    )
    {
        public string Row(string name) =>
            $"| {name} | {RequestsPerSecond:N0} | {P50} | {P95} | {P99} | {NonSuccess} | {SocketErrors} |";
    }

    /// <summary>
    /// wrk for <paramref name="seconds"/> with <paramref name="connections"/> connections on two threads; percentiles come
    /// from a done() in the script when it prints "mix p50=… p95=… p99=…", else from --latency (which has no p95).
    /// </summary>
    public static async Task<Result> RunAsync(string url, string? script, int seconds, int connections)
    {
        var arguments = new List<string>
        {
            "-t2",
            $"-c{connections}",
            $"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
        };
        if (script is not null)
            arguments.AddRange(["-s", script]);
        arguments.Add(url);
        using var wrk = Process.Start(
            new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true }
        )!;
        var errors = wrk.StandardError.ReadToEndAsync();
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (script is not null && (await errors).Length > 0)
            throw new InvalidOperationException($"wrk could not run {script}: {await errors}");
        var lines = output.Split('\n');
        string Percentile(string p) =>
            lines
                .FirstOrDefault(l => l.TrimStart().StartsWith(p, StringComparison.Ordinal))
                ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            ?? "";
        var mix = lines
            .FirstOrDefault(l => l.StartsWith("mix ", StringComparison.Ordinal))
            ?.Split(' ')
            .Skip(1)
            .Select(kv => kv.Split('='))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        var requests = long.Parse(
            lines.First(l => l.Contains("requests in", StringComparison.Ordinal)).Trim().Split(' ')[0],
            CultureInfo.InvariantCulture
        );
        var nonSuccess = lines.FirstOrDefault(l => l.Contains("Non-2xx", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture)
            : 0;
        var socketErrors =
            lines.FirstOrDefault(l => l.Contains("Socket errors", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? "none";
        var rps = double.Parse(
            lines.First(l => l.StartsWith("Requests/sec", StringComparison.Ordinal)).Split(':')[1].Trim(),
            CultureInfo.InvariantCulture
        );
        return new Result(
            rps,
            mix?["p50"] ?? Percentile("50%"),
            mix?["p95"] ?? "",
            mix?["p99"] ?? Percentile("99%"),
            requests,
            nonSuccess,
            socketErrors,
            output
        );
    }
}
