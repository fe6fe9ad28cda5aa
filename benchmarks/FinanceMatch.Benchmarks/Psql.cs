using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>psql, the floor's client: a script run as a file (so <c>\copy</c> works), its output discarded, timed from start to exit.</summary>
internal static class Psql
{
    /// <summary>Runs <paramref name="script"/> on the database of <paramref name="connectionString"/>; its seconds.</summary>
    public static async Task<double> RunAsync(string connectionString, string script)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var scriptPath = Path.Combine(Path.GetTempPath(), $"financematch-floor-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(scriptPath, script);
        var start = new ProcessStartInfo(
            "psql",
            [
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-o",
                "/dev/null",
                "-h",
                builder.Host!,
                "-p",
                builder.Port.ToString(CultureInfo.InvariantCulture),
                "-U",
                builder.Username!,
                "-d",
                builder.Database!,
                "-f",
                scriptPath,
            ]
        )
        {
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        var clock = Stopwatch.StartNew();
        using var psql = Process.Start(start)!;
        var errors = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        File.Delete(scriptPath);
        if (psql.ExitCode != 0)
            throw new InvalidOperationException($"psql failed: {errors}");
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  floor: {seconds:0.00} s");
        return seconds;
    }
}
