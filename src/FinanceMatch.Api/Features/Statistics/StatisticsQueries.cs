using System.Data;
using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Role = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>A statistics period: dates inclusive, in UTC; no <c>from</c> means since the beginning, no <c>to</c> means today.</summary>
public sealed record StatsPeriod(DateOnly? From, DateOnly To)
{
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static StatsPeriod Of(DateOnly? from, DateOnly? to, TimeProvider clock) =>
        new(from, to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    /// <summary>Operators see the whole platform; a bank sees only its own institution.</summary>
    public static Guid? ScopeOf(ClaimsPrincipal caller) => caller.Is(Role.Operator) ? null : caller.SubjectId();
}

/// <summary>
/// The contract's bounds on a period: from ≤ to, neither before 2000-01-01 (the platform has no earlier data) nor more
/// than a year after today, so no caller can make a statistics read walk an unbounded series of days.
/// </summary>
public sealed class StatsPeriodRules : AbstractValidator<StatsPeriod>
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public StatsPeriodRules(TimeProvider clock)
    {
        DateOnly Latest() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(1);
        RuleFor(p => p.From)
            .Must(from => from is null || from >= Earliest).WithMessage("from must not be before 2000-01-01.")
            .Must(from => from is null || from <= Latest()).WithMessage("from must not be more than a year after today.");
        RuleFor(p => p.To)
            .GreaterThanOrEqualTo(Earliest).WithMessage("to must not be before 2000-01-01.")
            .Must(to => to <= Latest()).WithMessage("to must not be more than a year after today.");
        RuleFor(p => p.To).GreaterThanOrEqualTo(p => p.From!.Value).When(p => p.From is not null).WithMessage("to must not be before from.");
    }
}

public static class GetStatsOverview
{
    public sealed record Query(ClaimsPrincipal Caller, StatsPeriod Period) : IRequest<StatsOverviewDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => RuleFor(q => q.Period).SetValidator(new StatsPeriodRules(clock)).OverridePropertyName("");
    }

    public sealed class Handler(NpgsqlDataSource dataSource, StatisticsRollups rollups) : IRequestHandler<Query, StatsOverviewDto>
    {
        public async ValueTask<StatsOverviewDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var scope = StatsPeriod.ScopeOf(query.Caller);
            var period = query.Period;
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await rollups.CatchUpAsync(connection, ct);
            await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            var flow = (await MatchmakingFigures.ComputeAsync(connection, null, period, scope, ct)).SingleOrDefault();
            await using var stock = new NpgsqlCommand("""
                SELECT
                    CASE WHEN $2::uuid IS NULL THEN (SELECT count(*) FROM financematch.enterprises WHERE registered_at < $1 AND verification = 'Verified')
                        ELSE (SELECT count(DISTINCT m.enterprise_id) FROM financematch.matches m WHERE m.institution_id = $2 AND m.created_at < $1) END,
                    CASE WHEN $2::uuid IS NULL THEN (SELECT count(*) FROM financematch.credit_profiles p JOIN financematch.enterprises e ON e.id = p.enterprise_id
                            WHERE p.rated AND e.registered_at < $1)
                        ELSE (SELECT count(DISTINCT m.enterprise_id) FROM financematch.matches m JOIN financematch.credit_profiles p ON p.enterprise_id = m.enterprise_id
                            WHERE m.institution_id = $2 AND m.created_at < $1 AND p.rated) END,
                    (SELECT count(*) FROM financematch.institutions WHERE created_at < $1 AND ($2::uuid IS NULL OR id = $2)),
                    (SELECT count(*) FROM financematch.products WHERE status = 'Published' AND published_at < $1 AND ($2::uuid IS NULL OR institution_id = $2))
                """, connection);
            stock.Parameters.Add(new() { Value = period.End });
            stock.Parameters.Add(new() { Value = scope is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            await using var reader = await stock.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new StatsOverviewDto(period.From, period.To, scope, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                flow?.LoanRequests ?? 0, flow?.RequestedAmount ?? 0, flow?.MatchedRequests ?? 0, flow?.Matches ?? 0, flow?.ApprovedMatches ?? 0,
                flow?.ApprovedAmount ?? 0, flow?.DisbursedLoans ?? 0, flow?.DisbursedAmount ?? 0, flow?.ApprovalRate, flow?.MedianHoursToFirstResponse);
        }
    }

    internal static async Task<StatsOverviewDto> Endpoint(ClaimsPrincipal user, ISender sender, TimeProvider clock, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null) =>
        await sender.Send(new Query(user, StatsPeriod.Of(from, to, clock)), ct);
}

public static class GetStatsBreakdown
{
    public sealed record Query(ClaimsPrincipal Caller, StatsDimension By, StatsPeriod Period) : IRequest<StatsBreakdownDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => RuleFor(q => q.Period).SetValidator(new StatsPeriodRules(clock)).OverridePropertyName("");
    }

    public sealed class Handler(NpgsqlDataSource dataSource, StatisticsRollups rollups) : IRequestHandler<Query, StatsBreakdownDto>
    {
        public async ValueTask<StatsBreakdownDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = StatsPeriod.ScopeOf(query.Caller);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await rollups.CatchUpAsync(connection, cancellationToken);
            var rows = await MatchmakingFigures.ComputeAsync(connection, query.By, query.Period, scope, cancellationToken);
            return new StatsBreakdownDto(query.By, query.Period.From, query.Period.To, scope,
                rows.Select(r => new StatsRowDto(r.Key, r.Label, r.LoanRequests, r.RequestedAmount, r.MatchedRequests, r.Matches, r.ApprovedMatches,
                    r.ApprovedAmount, r.DisbursedLoans, r.DisbursedAmount, r.ApprovalRate, r.MedianHoursToFirstResponse)).ToList());
        }
    }

    internal static async Task<StatsBreakdownDto> Endpoint(ClaimsPrincipal user, ISender sender, TimeProvider clock, CancellationToken ct,
        string? by = null, DateOnly? from = null, DateOnly? to = null) =>
        await sender.Send(new Query(user, EnumText.Parse<StatsDimension>(by, "by"), StatsPeriod.Of(from, to, clock)), ct);
}

/// <summary>
/// Feed health: for every department and each feed type it may push, its batches, rows accepted and rejected, and its
/// last batch; a feed with no batch in <see cref="QuietAfterDays"/> days (or none ever) is quiet. Open objections to the
/// department's records of that feed are counted, and those open past 20 days counted again as overdue.
/// </summary>
public static class GetFeedStats
{
    public const int QuietAfterDays = 35;

    public sealed record Query : IRequest<FeedStatsDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Query, FeedStatsDto>
    {
        public async ValueTask<FeedStatsDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ThenBy(d => d.Id).ToListAsync(cancellationToken);
            var batches = (await db.FeedBatches.AsNoTracking()
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
                .ToListAsync(cancellationToken))
                .ToDictionary(b => (b.DepartmentId, b.FeedType));
            var overdueSince = Core.Objections.Objection.OverdueCutoff(clock.GetUtcNow());
            var objections = (await db.Objections.AsNoTracking()
                .Where(o => o.Status == Core.Objections.ObjectionStatus.Open)
                .GroupBy(o => new { o.DepartmentId, o.FeedType })
                .Select(g => new { g.Key.DepartmentId, g.Key.FeedType, Open = g.LongCount(), Overdue = g.LongCount(o => o.CreatedAt <= overdueSince) })
                .ToListAsync(cancellationToken))
                .ToDictionary(o => (o.DepartmentId, o.FeedType));
            var quietSince = clock.GetUtcNow().AddDays(-QuietAfterDays);
            var feeds = departments
                .SelectMany(d => d.FeedTypes.Select(feedType =>
                {
                    var seen = batches.GetValueOrDefault((d.Id, feedType));
                    var disputed = objections.GetValueOrDefault((d.Id, feedType));
                    return new FeedHealthDto(d.Id, d.Name, feedType.Map<FeedType>(), seen?.Batches ?? 0, seen?.Failed ?? 0, seen?.Accepted ?? 0,
                        seen?.Rejected ?? 0, seen?.Last, seen?.Last is not { } last || last < quietSince, disputed?.Open ?? 0, disputed?.Overdue ?? 0);
                }))
                .ToList();
            return new FeedStatsDto(QuietAfterDays, feeds);
        }
    }

    internal static async Task<FeedStatsDto> Endpoint(ISender sender, CancellationToken ct) => await sender.Send(new Query(), ct);
}

/// <summary>An operator brings the pre-aggregated figures up to date at once (after a bulk load, say) rather than within the minute.</summary>
public static class RefreshStatistics
{
    public sealed record Command : IRequest<StatsRefreshDto>;

    public sealed class Handler(StatisticsRollups rollups) : IRequestHandler<Command, StatsRefreshDto>
    {
        public async ValueTask<StatsRefreshDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var refreshed = await rollups.RefreshAsync(cancellationToken);
            return new StatsRefreshDto(refreshed.Days, refreshed.Months, refreshed.Rows, Math.Round(refreshed.Milliseconds, 1));
        }
    }

    internal static async Task<StatsRefreshDto> Endpoint(ISender sender, CancellationToken ct) => await sender.Send(new Command(), ct);
}

public static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Statistics");
        group.MapGet("/overview", GetStatsOverview.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary("Matchmaking figures over the loan requests posted in a period, dates inclusive (operators: all; a bank: its own)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/breakdown", GetStatsBreakdown.Endpoint)
            .RequireAuthorization(Policies.OperatorOrBank)
            .WithSummary("The same figures per institution, product, division, industry, grade or month (operators: all; a bank: its own)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/refresh", RefreshStatistics.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Brings the pre-aggregated figures up to date now, months included (operators); otherwise a job does so every minute")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/feeds", GetFeedStats.Endpoint)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Feed health per department and feed type: batches, rows accepted and rejected, last batch, quiet feeds (operators)")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
