using FinanceMatch.Core.Common;
using FinanceMatch.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Auth;

/// <summary>
/// Limits failed attempts of something security-relevant (a licence presented, a current secret guessed) by the failures
/// the security log already holds: at <c>max</c> failures within <c>window</c>, the next attempt
/// is 429 with Retry-After until the oldest of them ages out.
/// </summary>
public static class AttemptLimit
{
    public static async Task RefuseWhenTooManyAsync(
        IQueryable<SecurityEvent> failures,
        int max,
        TimeSpan window,
        DateTimeOffset now,
        string message,
        CancellationToken ct
    )
    {
        var since = now - window;
        var recent = await failures
            .AsNoTracking()
            .Where(e => e.OccurredAt > since)
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => e.OccurredAt)
            .Take(max)
            .ToListAsync(ct);
        if (recent.Count >= max)
            throw new TooManyAttemptsException(message, recent[^1] + window - now);
    }
}
