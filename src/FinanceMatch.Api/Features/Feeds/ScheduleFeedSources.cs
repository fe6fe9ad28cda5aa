using FinanceMatch.Core.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Feeds;

public static class ScheduleFeedSources
{
    /// <summary>Start-up: every source gets its recurring job (stable ids make this a no-op when nothing changed).</summary>
    public static async Task RegisterAllAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FinanceMatchDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
        foreach (var source in await db.FeedSources.AsNoTracking().ToListAsync(ct))
            jobs.Schedule(source);
    }
}
