using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;
using FluentValidation;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// The published scorecard held to account (public): for loans disbursed at least N months ago, each model version's
/// realised default rate by grade and its AUC, Gini and KS with 95% intervals, from the scores given at disbursement.
/// Only aggregates leave: a grade with fewer than <see cref="MinimumCell"/> loans is withheld, and the measures need
/// <see cref="ModelPerformance.MinimumOutcomes"/> defaults and as many non-defaults.
/// </summary>
public static class GetScoringModelPerformance
{
    public const int MinimumCell = 10;
    public const int DefaultObservationMonths = 12;

    public sealed record Query(int ObservationMonths) : IRequest<ModelPerformanceDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.ObservationMonths)
                .InclusiveBetween(1, 120)
                .OverridePropertyName("observationMonths")
                .WithMessage("observationMonths is 1 to 120.");
    }

    private static readonly string OutcomesSql = Sql.Load("Profiles.ModelOutcomes");

    public sealed class Handler(NpgsqlDataSource dataSource, TimeProvider clock, ProfileBuilder builder)
        : IRequestHandler<Query, ModelPerformanceDto>
    {
        public async ValueTask<ModelPerformanceDto> Handle(Query query, CancellationToken cancellationToken)
        {
            var until = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-query.ObservationMonths);
            var rows = await Sql.QueryAsync(
                dataSource,
                OutcomesSql,
                r =>
                    (
                        Version: r.GetString(0),
                        Grade: r.GetString(1),
                        Score: r.IsDBNull(2) ? (int?)null : r.GetInt32(2),
                        Defaulted: r.GetBoolean(3),
                        Loans: r.GetInt64(4)
                    ),
                cancellationToken,
                until
            );
            var grades = builder.Model.Grades.Select(g => g.Grade).Append("unrated").ToList();
            var versions = rows.GroupBy(r => r.Version)
                .OrderByDescending(v => v.Key, StringComparer.Ordinal)
                .Select(version =>
                {
                    var loans = version.Sum(r => r.Loans);
                    var defaults = version.Where(r => r.Defaulted).Sum(r => r.Loans);
                    var measured = ModelPerformance.Measure(
                        version
                            .Where(r => r.Score is not null)
                            .Select(r => new ScoredOutcomes(r.Score!.Value, r.Defaulted, r.Loans))
                    );
                    return new ModelVersionPerformanceDto(
                        version.Key,
                        loans,
                        defaults,
                        loans == 0 ? null : (double)defaults / loans,
                        measured?.Auc.ToDto(),
                        measured?.Gini.ToDto(),
                        measured?.Ks.ToDto(),
                        version
                            .GroupBy(r => r.Grade)
                            .OrderBy(g => Rank(grades, g.Key))
                            .Select(g => Cell(g.Key, g.Sum(r => r.Loans), g.Where(r => r.Defaulted).Sum(r => r.Loans)))
                            .ToList(),
                        measured is null
                            ? $"Fewer than {ModelPerformance.MinimumOutcomes} rated loans that defaulted, or that did not: AUC, Gini and KS are not published yet."
                            : null
                    );
                })
                .ToList();
            return new ModelPerformanceDto(query.ObservationMonths, until, MinimumCell, versions);
        }
    }

    private static GradeOutcomesDto Cell(string grade, long loans, long defaults) =>
        loans < MinimumCell
            ? new GradeOutcomesDto(grade, true, null, null, null)
            : new GradeOutcomesDto(grade, false, loans, defaults, (double)defaults / loans);

    /// <summary>Grades best first, then anything the current model does not know (an older version's grade).</summary>
    private static int Rank(List<string> grades, string grade) =>
        grades.IndexOf(grade) is var index and >= 0 ? index : int.MaxValue;

    private static EstimateDto ToDto(this Estimate e) => new(e.Value, e.Low, e.High);

    internal static async Task<ModelPerformanceDto> Endpoint(
        ISender sender,
        CancellationToken ct,
        int observationMonths = DefaultObservationMonths
    ) => await sender.Send(new Query(observationMonths), ct);
}
