using System.Diagnostics;
using System.Globalization;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Where the machine's CPU went during a measured phase: the API process, this benchmark client, and the rest (on this
/// machine, PostgreSQL), from /proc/stat and the two processes' own counters.
/// </summary>
internal sealed class CpuAccount
{
    private readonly ApiProcess api;
    private readonly string name;
    private readonly TimeSpan apiStart;
    private readonly TimeSpan clientStart;
    private readonly double busyStart;

    private CpuAccount(ApiProcess api, string name)
    {
        (this.api, this.name) = (api, name);
        (apiStart, clientStart, busyStart) = (
            api.CpuTime,
            Process.GetCurrentProcess().TotalProcessorTime,
            MachineBusySeconds()
        );
    }

    /// <param name="name">What the process is called in the report: API, worker.</param>
    public static CpuAccount Start(ApiProcess api, string name = "API") => new(api, name);

    /// <summary>A line with the split in seconds and per unit of work (e.g. per matched request).</summary>
    public string Report(double seconds, int units, string unit)
    {
        var apiSeconds = (api.CpuTime - apiStart).TotalSeconds;
        var clientSeconds = (Process.GetCurrentProcess().TotalProcessorTime - clientStart).TotalSeconds;
        var rest = MachineBusySeconds() - busyStart - apiSeconds - clientSeconds;
        var available = seconds * Environment.ProcessorCount;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"CPU over {seconds:0.0} s on {Environment.ProcessorCount} cores ({available:0.0} core-s): {name} {apiSeconds:0.0} s, benchmark client {clientSeconds:0.0} s, "
                + $"PostgreSQL and the rest {rest:0.0} s, idle {available - apiSeconds - clientSeconds - rest:0.0} s; per {unit}: {name} {apiSeconds * 1000 / units:0.0} ms, "
                + $"PostgreSQL {rest * 1000 / units:0.0} ms, client {clientSeconds * 1000 / units:0.0} ms"
        );
    }

    /// <summary>Busy CPU seconds of the whole machine since boot: every state but idle and iowait.</summary>
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat")
            .First()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture))
            .ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return busy / 100.0; // USER_HZ is 100 on Linux
    }
}
