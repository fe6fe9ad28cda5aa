using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Profiles;
using FluentValidation;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>
/// The published scorecard held to account (public): for the loans disbursed in the whole months that ended at least N
/// months ago (N one of <see cref="ObservationWindows"/>), each model version's realised default rate by grade and its AUC,
/// Gini and KS with 95% intervals, from the scores given at disbursement. Only aggregates leave, and none small enough to
/// point at a firm: cohorts move a month at a time (no two answers differ by a day's loans); a version of fewer than
/// <see cref="MinimumCohort"/> loans shows its count only; a grade of fewer than <see cref="MinimumCell"/> loans is
/// withheld, and when only one is, the next smallest is withheld with it, so the total cannot give it away; the measures
/// need <see cref="ModelPerformance.MinimumOutcomes"/> defaults and as many non-defaults.
/// </summary>
public static class GetScoringModelPerformance
{
    public const int MinimumCell = 10;
    public const int MinimumCohort = 50;
    public const int DefaultObservationMonths = 12;
    public static readonly int[] ObservationWindows = [6, 12, 24, 36];

    public sealed record Query(int ObservationMonths) : IRequest<ModelPerformanceDto>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() =>
            RuleFor(q => q.ObservationMonths)
                .Must(m => ObservationWindows.Contains(m))
                .OverridePropertyName("observationMonths")
                .WithMessage($"observationMonths is one of {string.Join(", ", ObservationWindows)}.");
    }

    private static readonly string OutcomesSql = Sql.Load("Profiles.ModelOutcomes");

    public sealed class Handler(NpgsqlDataSource dataSource, TimeProvider clock)
        : IRequestHandler<Query, ModelPerformanceDto>
    {
        public async ValueTask<ModelPerformanceDto> Handle(Query query, CancellationToken cancellationToken)
        {
            // The last day of the month that ended N months before the current one began: whole months only.
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var until = new DateOnly(today.Year, today.Month, 1).AddMonths(-query.ObservationMonths).AddDays(-1);
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
            var grades = ScoringModel.Ladder.Select(g => g.Grade).Append("unrated").ToList();
            var versions = rows.GroupBy(r => r.Version)
                .OrderByDescending(v => v.Key, StringComparer.Ordinal)
                .Select(version =>
                    Publish(version.Key, [.. version.Select(r => (r.Grade, r.Score, r.Defaulted, r.Loans))], grades)
                )
                .ToList();
            return new ModelPerformanceDto(query.ObservationMonths, until, MinimumCell, versions);
        }
    }

    /// <summary>One version's figures (rows: grade, score, defaulted, loans), with everything withheld that could single out a loan.</summary>
    public static ModelVersionPerformanceDto Publish(
        string version,
        List<(string Grade, int? Score, bool Defaulted, long Loans)> rows,
        List<string> grades
    )
    {
        var loans = rows.Sum(r => r.Loans);
        var cells = rows.GroupBy(r => r.Grade)
            .OrderBy(g => Rank(grades, g.Key))
            .Select(g =>
                (Grade: g.Key, Loans: g.Sum(r => r.Loans), Defaults: g.Where(r => r.Defaulted).Sum(r => r.Loans))
            )
            .ToList();
        if (loans < MinimumCohort)
            return new ModelVersionPerformanceDto(
                version,
                loans,
                null,
                null,
                null,
                null,
                null,
                [.. cells.Select(c => new GradeOutcomesDto(c.Grade, true, null, null, null))],
                $"Fewer than {MinimumCohort} loans in the cohort: only their number is published."
            );
        var withheld = cells.Where(c => c.Loans < MinimumCell).Select(c => c.Grade).ToHashSet();
        // One withheld cell could be read off the total: withhold the smallest published one with it.
        if (
            withheld.Count == 1
            && cells.Where(c => !withheld.Contains(c.Grade)).MinBy(c => c.Loans) is { Grade: { } next }
        )
            withheld.Add(next);
        var defaults = rows.Where(r => r.Defaulted).Sum(r => r.Loans);
        var measured = ModelPerformance.Measure(
            rows.Where(r => r.Score is not null).Select(r => new ScoredOutcomes(r.Score!.Value, r.Defaulted, r.Loans))
        );
        return new ModelVersionPerformanceDto(
            version,
            loans,
            defaults,
            (double)defaults / loans,
            measured?.Auc.ToDto(),
            measured?.Gini.ToDto(),
            measured?.Ks.ToDto(),
            [
                .. cells.Select(c =>
                    withheld.Contains(c.Grade)
                        ? new GradeOutcomesDto(c.Grade, true, null, null, null)
                        : new GradeOutcomesDto(c.Grade, false, c.Loans, c.Defaults, (double)c.Defaults / c.Loans)
                ),
            ],
            measured is null
                ? $"Fewer than {ModelPerformance.MinimumOutcomes} rated loans that defaulted, or that did not: AUC, Gini and KS are not published yet."
                : null
        );
    }

    /// <summary>Grades best first, then anything the current model does not know (an older version's grade).</summary>
    private static int Rank(List<string> grades, string grade) =>
        grades.IndexOf(grade) is var index and >= 0 ? index : int.MaxValue;

    private static EstimateDto ToDto(this Estimate e) => new(e.Value, e.Low, e.High);

    internal static async Task<ModelPerformanceDto> Endpoint(
        ISender sender,
        CancellationToken ct,
        [System.ComponentModel.Description(
            "How many months after disbursement a loan is watched for default (default 12)."
        )]
            int observationMonths = DefaultObservationMonths
    ) => await sender.Send(new Query(observationMonths), ct);
}
