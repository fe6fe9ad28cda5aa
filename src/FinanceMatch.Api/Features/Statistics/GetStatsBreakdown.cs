using System.Data;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FluentValidation;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Statistics;

public static class GetStatsBreakdown
{
    public sealed record Query(Caller Caller, StatsDimension By, StatsPeriod Period) : IRequest<StatsBreakdownDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(q => q.Period).SetValidator(new StatsPeriodRules(clock)).OverridePropertyName("");
    }

    public sealed class Handler(NpgsqlDataSource dataSource, StatisticsRollups rollups)
        : IRequestHandler<Query, StatsBreakdownDto>
    {
        public async ValueTask<StatsBreakdownDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = StatsPeriod.ScopeOf(query.Caller);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await rollups.CatchUpAsync(connection, cancellationToken);
            var rows = await MatchmakingFigures.ComputeAsync(
                connection,
                query.By,
                query.Period,
                scope,
                cancellationToken
            );
            return new StatsBreakdownDto(
                query.By,
                query.Period.From,
                query.Period.To,
                scope,
                rows.Select(r => new StatsRowDto(
                        r.Key,
                        r.Label,
                        r.LoanRequests,
                        r.RequestedAmount,
                        r.MatchedRequests,
                        r.Matches,
                        r.ApprovedMatches,
                        r.ApprovedAmount,
                        r.DisbursedLoans,
                        r.DisbursedAmount,
                        r.ApprovalRate,
                        r.MedianHoursToFirstResponse
                    ))
                    .ToList()
            );
        }
    }

    internal static async Task<StatsBreakdownDto> Endpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.StatsDimension))] string? by = null,
        DateOnly? from = null,
        DateOnly? to = null
    ) => await sender.Send(QueryOf(caller, by, from, to, clock), ct);

    internal static async Task<IResult> ExportEndpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.StatsDimension))] string? by = null,
        DateOnly? from = null,
        DateOnly? to = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var breakdown = await sender.Send(QueryOf(caller, by, from, to, clock), ct);
        var name = $"breakdown-{breakdown.By.ToString().ToLowerInvariant()}";
        return TabularExport.Download(breakdown.Rows, export, name, clock);
    }

    private static Query QueryOf(Caller caller, string? by, DateOnly? from, DateOnly? to, TimeProvider clock) =>
        new(caller, EnumText.Parse<StatsDimension>(by, "by"), StatsPeriod.Of(from, to, clock));
}
