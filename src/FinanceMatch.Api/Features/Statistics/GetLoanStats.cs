using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FluentValidation;
using Mediator;
using Npgsql;
using DomainLoan = FinanceMatch.Core.Loans.Loan;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>
/// Loan outcomes over the loans disbursed in a period (operators: the platform; a bank: its own loans), by institution,
/// product, grade at disbursement, division, industry, programme or guarantee. Read straight from the loans: they are
/// a fraction of the matches and every figure is one pass over them.
/// </summary>
public static class GetLoanStats
{
    public sealed record Query(Caller Caller, LoanStatsDimension By, StatsPeriod Period) : IRequest<LoanStatsDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(q => q.Period).SetValidator(new StatsPeriodRules(clock)).OverridePropertyName("");
            // A bank's own loans by the firms' grades at disbursement would tell it a firm's grade (a cell of one loan).
            RuleFor(q => q.By)
                .Must((q, by) => by != LoanStatsDimension.Grade || q.Caller.Is(DomainRole.Operator))
                .OverridePropertyName("by")
                .WithMessage(
                    "Loans are broken down by grade for operators only: for a bank it would tell a firm's grade."
                );
        }
    }

    private static readonly string OutcomesSql = Sql.Load("Statistics.LoanOutcomes");

    public sealed class Handler(NpgsqlDataSource dataSource, TimeProvider clock) : IRequestHandler<Query, LoanStatsDto>
    {
        public async ValueTask<LoanStatsDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = StatsPeriod.ScopeOf(query.Caller);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var staleBefore = new DateOnly(today.Year, today.Month, 1).AddMonths(-DomainLoan.StaleAfterPeriods);
            var rows = await Sql.QueryAsync(
                dataSource,
                OutcomesSql,
                Read,
                cancellationToken,
                query.By.ToString().ToLowerInvariant(),
                scope,
                query.Period.From,
                query.Period.To,
                staleBefore
            );
            return new LoanStatsDto(query.By, query.Period.From, query.Period.To, scope, rows);
        }
    }

    private static LoanStatsRowDto Read(NpgsqlDataReader r)
    {
        double? Ratio(double part, double whole) => whole == 0 ? null : part / whole;
        double? Double(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        var loans = r.GetInt64(2);
        var outstanding = r.GetDecimal(5);
        return new LoanStatsRowDto(
            r.GetString(0),
            r.GetString(1),
            loans,
            r.GetDecimal(3),
            r.GetInt64(4),
            outstanding,
            r.GetInt64(6),
            r.GetDecimal(7),
            r.GetInt64(8),
            r.GetDecimal(9),
            r.GetInt64(10),
            r.GetInt64(11),
            Ratio((double)r.GetDecimal(7), (double)outstanding),
            Ratio(r.GetInt64(8), loans),
            r.GetInt64(12),
            Ratio(r.GetInt64(12), loans),
            r.GetInt64(13),
            Ratio(r.GetInt64(13), loans),
            r.IsDBNull(14) ? null : Math.Round(r.GetDecimal(14), 4),
            Double(15),
            Double(16),
            r.GetInt64(17),
            r.GetInt64(18),
            r.GetDecimal(19),
            r.GetDecimal(20)
        );
    }

    internal static async Task<LoanStatsDto> Endpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.LoanStatsDimension))] string? by = null,
        DateOnly? from = null,
        DateOnly? to = null
    ) => await sender.Send(QueryOf(caller, by, from, to, clock), ct);

    internal static async Task<IResult> ExportEndpoint(
        Caller caller,
        ISender sender,
        TimeProvider clock,
        CancellationToken ct,
        string? format = null,
        [EnumQuery(typeof(FinanceMatch.Client.Contracts.LoanStatsDimension))] string? by = null,
        DateOnly? from = null,
        DateOnly? to = null
    )
    {
        var export = TabularExport.ParseFormat(format);
        var loans = await sender.Send(QueryOf(caller, by, from, to, clock), ct);
        return TabularExport.Download(loans.Rows, export, $"loans-{loans.By.ToString().ToLowerInvariant()}", clock);
    }

    private static Query QueryOf(Caller caller, string? by, DateOnly? from, DateOnly? to, TimeProvider clock) =>
        new(
            caller,
            by is null ? LoanStatsDimension.All : EnumText.Parse<LoanStatsDimension>(by, "by"),
            StatsPeriod.Of(from, to, clock)
        );
}
