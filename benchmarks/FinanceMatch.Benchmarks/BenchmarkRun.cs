using System.Globalization;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// What makes this run's institutions, departments and firms its own, so that a benchmark can run again on a database
/// an earlier run left its parties in (benchmarks/scale.sh on a world generated beforehand): the second of the day the
/// process started.
/// </summary>
internal static class BenchmarkRun
{
    public static int Number { get; } = (int)DateTime.UtcNow.TimeOfDay.TotalSeconds;

    /// <summary>A code unique to this run: <paramref name="code"/> and the run's number.</summary>
    public static string Code(string code) => $"{code}-{Number.ToString(CultureInfo.InvariantCulture)}";
}
