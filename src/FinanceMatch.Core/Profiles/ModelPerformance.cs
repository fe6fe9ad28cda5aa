namespace FinanceMatch.Core.Profiles;

/// <summary>Loans of one score and one outcome (defaulted or not).</summary>
public sealed record ScoredOutcomes(int Score, bool Defaulted, long Loans);

/// <summary>A statistic with an approximate 95% interval.</summary>
public sealed record Estimate(double Value, double Low, double High);

/// <summary>How well a model's scores rank defaulted loans below the others.</summary>
public sealed record Discrimination(long Loans, long Defaults, Estimate Auc, Estimate Gini, Estimate Ks);

/// <summary>
/// The standard measures of a credit score's power to separate the loans that defaulted from those that did not, over
/// loans grouped by score (a higher score should mean fewer defaults):
/// <list type="bullet">
/// <item><b>AUC</b>: the probability that a loan that did not default scored higher than one that did (ties count half);
/// 0.5 is a coin, 1 perfect. Interval: Hanley &amp; McNeil (1982), ±1.96 standard errors.</item>
/// <item><b>Gini</b> (accuracy ratio): 2·AUC − 1, its interval mapped the same way.</item>
/// <item><b>KS</b>: the largest gap between the score distributions of the two groups. Interval: ± the two-sample
/// Kolmogorov–Smirnov 95% critical value, 1.358·√((n+m)/(n·m)), an approximation of its sampling error.</item>
/// </list>
/// </summary>
public static class ModelPerformance
{
    /// <summary>Below this many defaults or non-defaults the measures are not published: too few to mean anything.</summary>
    public const int MinimumOutcomes = 10;

    private const double Z95 = 1.959964;
    private const double Ks95 = 1.358;

    /// <summary>The measures, or null when either group has fewer than <see cref="MinimumOutcomes"/> loans.</summary>
    public static Discrimination? Measure(IEnumerable<ScoredOutcomes> outcomes)
    {
        var byScore = outcomes
            .GroupBy(o => o.Score)
            .Select(g =>
                (
                    Score: g.Key,
                    Bad: g.Where(o => o.Defaulted).Sum(o => o.Loans),
                    Good: g.Where(o => !o.Defaulted).Sum(o => o.Loans)
                )
            )
            .OrderBy(s => s.Score)
            .ToList();
        double bads = byScore.Sum(s => s.Bad);
        double goods = byScore.Sum(s => s.Good);
        if (bads < MinimumOutcomes || goods < MinimumOutcomes)
            return null;

        double pairs = 0,
            badsBelow = 0,
            goodsBelow = 0,
            ks = 0;
        foreach (var (_, bad, good) in byScore)
        {
            pairs += good * (badsBelow + bad / 2.0);
            badsBelow += bad;
            goodsBelow += good;
            ks = Math.Max(ks, Math.Abs(badsBelow / bads - goodsBelow / goods));
        }
        var auc = pairs / (bads * goods);

        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var variance =
            (auc * (1 - auc) + (bads - 1) * (q1 - auc * auc) + (goods - 1) * (q2 - auc * auc)) / (bads * goods);
        var aucError = Z95 * Math.Sqrt(Math.Max(variance, 0));
        var aucEstimate = new Estimate(auc, Math.Max(0, auc - aucError), Math.Min(1, auc + aucError));
        var gini = new Estimate(2 * auc - 1, 2 * aucEstimate.Low - 1, 2 * aucEstimate.High - 1);
        var ksError = Ks95 * Math.Sqrt((bads + goods) / (bads * goods));
        var ksEstimate = new Estimate(ks, Math.Max(0, ks - ksError), Math.Min(1, ks + ksError));
        return new Discrimination((long)(bads + goods), (long)bads, aucEstimate, gini, ksEstimate);
    }
}
