using Cronos;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Jobs;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Feeds;
using FluentValidation;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using WireFeedType = FinanceMatch.Client.Contracts.FeedType;

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
