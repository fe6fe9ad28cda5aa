using System.Data;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FluentValidation;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Statistics;

public static class GetStatsOverview
{
    public sealed record Query(Caller Caller, StatsPeriod Period) : IRequest<StatsOverviewDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) =>
            RuleFor(q => q.Period).SetValidator(new StatsPeriodRules(clock)).OverridePropertyName("");
    }

    public sealed class Handler(NpgsqlDataSource dataSource, StatisticsRollups rollups)
        : IRequestHandler<Query, StatsOverviewDto>
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
            await using var stock = Sql.Command(
                connection,
                """
                SELECT
                    CASE WHEN $2::uuid IS NULL THEN (SELECT count(*) FROM financematch.enterprises WHERE registered_at < $1 AND verification = 'Verified')
                        ELSE (SELECT count(DISTINCT m.enterprise_id) FROM financematch.matches m WHERE m.institution_id = $2 AND m.created_at < $1) END,
                    CASE WHEN $2::uuid IS NULL THEN (SELECT count(*) FROM financematch.credit_profiles p JOIN financematch.enterprises e ON e.id = p.enterprise_id
                            WHERE p.rated AND e.registered_at < $1)
                        ELSE (SELECT count(DISTINCT m.enterprise_id) FROM financematch.matches m JOIN financematch.credit_profiles p ON p.enterprise_id = m.enterprise_id
                            WHERE m.institution_id = $2 AND m.created_at < $1 AND p.rated) END,
                    (SELECT count(*) FROM financematch.institutions WHERE created_at < $1 AND ($2::uuid IS NULL OR id = $2)),
                    (SELECT count(*) FROM financematch.products WHERE status = 'Published' AND published_at < $1 AND ($2::uuid IS NULL OR institution_id = $2))
                """,
                period.End
            );
            stock.Parameters.Add(
                new() { Value = scope is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid }
            );
            var (referred, referralsMatched, referralsFunded) = await ReferralsAsync(connection, period, scope, ct);
            var policiesAndHall = await PoliciesAndDemandHallAsync(connection, period, scope, ct);
            await using var reader = await stock.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new StatsOverviewDto(
                period.From,
                period.To,
                scope,
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                flow?.LoanRequests ?? 0,
                flow?.RequestedAmount ?? 0,
                flow?.MatchedRequests ?? 0,
                flow?.Matches ?? 0,
                flow?.ApprovedMatches ?? 0,
                flow?.ApprovedAmount ?? 0,
                flow?.DisbursedLoans ?? 0,
                flow?.DisbursedAmount ?? 0,
                flow?.ApprovalRate,
                flow?.MedianHoursToFirstResponse,
                referred,
                referralsMatched,
                referralsFunded,
                policiesAndHall.Committed,
                policiesAndHall.Paid,
                policiesAndHall.Interests,
                policiesAndHall.Confirmed,
                policiesAndHall.Funded
            );
        }

        private static readonly string PoliciesAndDemandHallSql = Sql.Load("Statistics.PoliciesAndDemandHall");

        private static async Task<(
            decimal Committed,
            decimal Paid,
            long Interests,
            long Confirmed,
            long Funded
        )> PoliciesAndDemandHallAsync(
            NpgsqlConnection connection,
            StatsPeriod period,
            Guid? scope,
            CancellationToken ct
        )
        {
            await using var command = Sql.Command(connection, PoliciesAndDemandHallSql);
            AddPeriodAndScope(command, period, scope);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (
                reader.GetDecimal(0),
                reader.GetDecimal(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt64(4)
            );
        }

        /// <summary>$1 the period's start (null: ever), $2 its end, $3 the bank whose own figures these are (null: all).</summary>
        private static void AddPeriodAndScope(NpgsqlCommand command, StatsPeriod period, Guid? scope)
        {
            command.Parameters.Add(
                new()
                {
                    Value = period.From is { } from
                        ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                        : DBNull.Value,
                    NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz,
                }
            );
            command.Parameters.Add(new() { Value = period.End });
            command.Parameters.Add(
                new() { Value = scope is { } s ? s : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid }
            );
        }

        private static readonly string ReferralsSql = Sql.Load("Statistics.Referrals");

        private static async Task<(long Referred, long Matched, long Funded)> ReferralsAsync(
            NpgsqlConnection connection,
            StatsPeriod period,
            Guid? scope,
            CancellationToken ct
        )
        {
            await using var command = Sql.Command(connection, ReferralsSql);
            AddPeriodAndScope(command, period, scope);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
    }

    internal static async Task<StatsOverviewDto> Endpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        DateOnly? from = null,
        DateOnly? to = null
    ) => await sender.Send(new Query(caller, StatsPeriod.Of(from, to, clock)), ct);

    internal static async Task<IResult> ExportEndpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null,
        DateOnly? from = null,
        DateOnly? to = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var overview = await sender.Send(new Query(caller, StatsPeriod.Of(from, to, clock)), ct);
        return TabularExport.Download(new[] { overview }, export, "statistics", clock);
    }
}
