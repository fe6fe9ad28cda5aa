using System.Data;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>
/// Feed health: for every department and each feed type it may push, its batches, rows accepted and rejected, and its
/// last batch; a feed with no batch in <see cref="QuietAfterDays"/> days (or none ever) is quiet. Open objections to the
/// department's records of that feed are counted, and those open past 20 days counted again as overdue. Operators see
/// every department; a department its own feeds only.
/// </summary>
public static class GetFeedStats
{
    public const int QuietAfterDays = 35;

    public sealed record Query(Caller Caller) : IRequest<FeedStatsDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, FeedStatsDto>
    {
        public async ValueTask<FeedStatsDto> Handle(Query query, CancellationToken cancellationToken)
        {
            // A department sees its own feeds; Guid.Empty (no department) stands for "every one" for operators.
            var own = query.Caller.Is(DomainRole.Department) ? query.Caller.SubjectId : Guid.Empty;
            var departments = await db
                .Departments.AsNoTracking()
                .Where(d => own == Guid.Empty || d.Id == own)
                .OrderBy(d => d.Name)
                .ThenBy(d => d.Id)
                .ToListAsync(cancellationToken);
            var batches = (
                await db
                    .FeedBatches.AsNoTracking()
                    .Where(b => b.DepartmentId != null) // banks' loan reports are not a department's feed
                    .Where(b => own == Guid.Empty || b.DepartmentId == own)
                    .GroupBy(b => new { b.DepartmentId, b.FeedType })
                    .Select(g => new
                    {
                        g.Key.DepartmentId,
                        g.Key.FeedType,
                        Batches = g.LongCount(),
                        Failed = g.LongCount(b => b.Status == Core.Feeds.BatchStatus.Failed),
                        Accepted = g.Sum(b => (long)b.AcceptedRows),
                        Rejected = g.Sum(b => (long)b.RejectedRows),
                        Last = g.Max(b => (DateTimeOffset?)b.ReceivedAt),
                    })
                    .ToListAsync(cancellationToken)
            ).ToDictionary(b => (b.DepartmentId!.Value, b.FeedType));
            var overdueSince = Core.Objections.Objection.OverdueCutoff(clock.GetUtcNow());
            var objections = (
                await db
                    .Objections.AsNoTracking()
                    .Where(o => o.Status == Core.Objections.ObjectionStatus.Open)
                    .Where(o => own == Guid.Empty || o.DepartmentId == own)
                    .GroupBy(o => new { o.DepartmentId, o.FeedType })
                    .Select(g => new
                    {
                        g.Key.DepartmentId,
                        g.Key.FeedType,
                        Open = g.LongCount(),
                        Overdue = g.LongCount(o => (o.CorrectionPromisedAt ?? o.CreatedAt) <= overdueSince),
                    })
                    .ToListAsync(cancellationToken)
            ).ToDictionary(o => (o.DepartmentId, o.FeedType));
            var quietSince = clock.GetUtcNow().AddDays(-QuietAfterDays);
            var feeds = departments
                .SelectMany(d =>
                    d.FeedTypes.Select(feedType =>
                    {
                        var seen = batches.GetValueOrDefault((d.Id, feedType));
                        var disputed = objections.GetValueOrDefault((d.Id, feedType));
                        return new FeedHealthDto(
                            d.Id,
                            d.Name,
                            feedType.Map<FeedType>(),
                            seen?.Batches ?? 0,
                            seen?.Failed ?? 0,
                            seen?.Accepted ?? 0,
                            seen?.Rejected ?? 0,
                            seen?.Last,
                            seen?.Last is not { } last || last < quietSince,
                            disputed?.Open ?? 0,
                            disputed?.Overdue ?? 0
                        );
                    })
                )
                .ToList();
            return new FeedStatsDto(QuietAfterDays, feeds);
        }
    }

    internal static async Task<FeedStatsDto> Endpoint(Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(caller), ct);

    internal static async Task<IResult> ExportEndpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var health = await sender.Send(new Query(caller), ct);
        return TabularExport.Download(health.Feeds, export, "feed-health", clock);
    }
}
