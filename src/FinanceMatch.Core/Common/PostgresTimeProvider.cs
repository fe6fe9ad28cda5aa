namespace FinanceMatch.Core.Common;

/// <summary>
/// The system clock cut to PostgreSQL's microsecond precision, so an instant returned when an object is created
/// equals the one read back later.
/// </summary>
public sealed class PostgresTimeProvider : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
