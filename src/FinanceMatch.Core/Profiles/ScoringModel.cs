namespace FinanceMatch.Core.Profiles;

public enum FactorDirection
{
    /// <summary>More is better (tax paid, employees, growth).</summary>
    Favourable,

    /// <summary>More is worse (arrears, penalties, court cases).</summary>
    Unfavourable,
}

/// <summary>
/// A factor's scoring curve: the value is placed among ascending thresholds and each band has a score in [0, 1].
/// Bands only rise (favourable) or only fall (unfavourable), which is what makes the whole model monotone.
/// </summary>
public sealed record Factor(
    string Code,
    string Description,
    double Weight,
    FactorDirection Direction,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<double> BandScores,
    Func<ProfileMetrics, double?> Measure
)
{
    public double Score(double value)
    {
        var band = 0;
        while (band < Thresholds.Count && value >= Thresholds[band])
            band++;
        return BandScores[band];
    }
}

public sealed record Dimension(string Code, string Description, double Weight, IReadOnlyList<Factor> Factors);

public sealed record GradeBand(string Grade, int MinScore);

public sealed record FactorResult(string Code, double? Value, int Impact);

public sealed record DimensionResult(string Code, int Score, double Weight);

public sealed record ScoreResult(
    bool Rated,
    int? Score,
    string? Grade,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<FactorResult> Factors
);

/// <summary>
/// The credit scoring model as data: dimensions and factors with explicit weights and bands, versioned. The score is a
/// pure function of the metrics and the model: 1000 × Σ dimension weight × Σ factor weight × band score.
/// A factor without data scores neutral (0.5) and says so (value null, impact 0).
/// Each factor's impact is its signed contribution in points against that neutral middle, so score = 500 + Σ impacts.
/// </summary>
public sealed class ScoringModel
{
    public const double Neutral = 0.5;

    public required string Version { get; init; }
    public required IReadOnlyList<GradeBand> Grades { get; init; }
    public required IReadOnlyList<Dimension> Dimensions { get; init; }

    /// <summary>The worst grade a firm with an open dishonest-debtor record can have.</summary>
    public string DishonestDebtorCap { get; init; } = "C";

    public ScoreResult Score(ProfileMetrics metrics)
    {
        if (!metrics.HasAnyData)
            return new ScoreResult(false, null, null, [], []);
        var factors = new List<FactorResult>();
        var dimensions = new List<DimensionResult>();
        double total = 0;
        foreach (var dimension in Dimensions)
        {
            double dimensionScore = 0;
            foreach (var factor in dimension.Factors)
            {
                var value = factor.Measure(metrics);
                var score = value is { } v ? factor.Score(v) : Neutral;
                dimensionScore += factor.Weight * score;
                factors.Add(
                    new FactorResult(
                        factor.Code,
                        value is { } shown ? Math.Round(shown, 4) : null,
                        (int)Math.Round(1000 * dimension.Weight * factor.Weight * (score - Neutral))
                    )
                );
            }
            dimensions.Add(
                new DimensionResult(dimension.Code, (int)Math.Round(1000 * dimensionScore), dimension.Weight)
            );
            total += dimension.Weight * dimensionScore;
        }
        var points = (int)Math.Round(1000 * total);
        var grade = GradeOf(points);
        if (metrics.OpenDishonestDebtorRecords > 0)
        {
            var cap = IndexOf(DishonestDebtorCap);
            if (IndexOf(grade) < cap)
            {
                grade = DishonestDebtorCap;
                points = Math.Min(points, Grades[cap - 1].MinScore - 1);
            }
        }
        return new ScoreResult(true, points, grade, dimensions, factors);
    }

    /// <summary>0 for the best grade, rising to the worst.</summary>
    public int IndexOf(string grade)
    {
        for (var i = 0; i < Grades.Count; i++)
        {
            if (Grades[i].Grade == grade)
                return i;
        }
        throw new ArgumentException($"Unknown grade {grade}.", nameof(grade));
    }

    public bool IsGrade(string? grade) => grade is not null && Grades.Any(g => g.Grade == grade);

    public string GradeOf(int score) => Grades.First(g => score >= g.MinScore).Grade;

    /// <summary>How many grades <paramref name="to"/> lies below <paramref name="from"/> (negative: above).</summary>
    public int NotchesDown(string from, string to) => IndexOf(to) - IndexOf(from);

    private static double? Ratio(double? value) => value;

    private static double? Money(decimal? value) => value is { } v ? (double)v : null;

    /// <summary>
    /// The model in force. A change of any weight, band or factor is a new version: 2026.2 added
    /// <c>loanDefaultsLast60Months</c> (banks' post-loan reports) to the compliance dimension, the other compliance weights
    /// scaled to make room; profile history keeps the scores of 2026.1.
    /// </summary>
    public static ScoringModel Current { get; } =
        new()
        {
            Version = "2026.2",
            Grades =
            [
                new("AAA", 850),
                new("AA", 750),
                new("A", 650),
                new("BBB", 550),
                new("BB", 450),
                new("B", 350),
                new("C", 0),
            ],
            Dimensions =
            [
                new(
                    "basic",
                    "Registration facts: how long the firm has operated and the capital its shareholders committed",
                    0.15,
                    [
                        new(
                            "yearsInOperation",
                            "Years since establishment",
                            0.6,
                            FactorDirection.Favourable,
                            [1, 3, 5, 10],
                            [0.2, 0.45, 0.65, 0.85, 1.0],
                            m => m.YearsInOperation
                        ),
                        new(
                            "registeredCapital",
                            "Registered capital, CNY",
                            0.4,
                            FactorDirection.Favourable,
                            [500_000, 1_000_000, 5_000_000, 20_000_000],
                            [0.3, 0.45, 0.65, 0.85, 1.0],
                            m => Money(m.RegisteredCapital)
                        ),
                    ]
                ),
                new(
                    "operating",
                    "Operating strength from tax, social security and electricity data",
                    0.45,
                    [
                        new(
                            "taxPaidLast12Months",
                            "Tax paid over the last 12 whole months, CNY",
                            0.25,
                            FactorDirection.Favourable,
                            [10_000, 50_000, 200_000, 1_000_000, 5_000_000],
                            [0.1, 0.3, 0.5, 0.7, 0.85, 1.0],
                            m => Money(m.TaxPaidLast12Months)
                        ),
                        new(
                            "taxableRevenueLast12Months",
                            "Taxable revenue over the last 12 whole months, CNY",
                            0.2,
                            FactorDirection.Favourable,
                            [500_000, 2_000_000, 10_000_000, 50_000_000],
                            [0.15, 0.4, 0.6, 0.8, 1.0],
                            m => Money(m.TaxableRevenueLast12Months)
                        ),
                        new(
                            "revenueTrend",
                            "Taxable revenue of the last 6 months against the 6 before (1 = flat)",
                            0.1,
                            FactorDirection.Favourable,
                            [0.7, 0.9, 1.0, 1.1],
                            [0.1, 0.35, 0.55, 0.75, 1.0],
                            m => Ratio(m.RevenueTrend)
                        ),
                        new(
                            "insuredEmployeesLatest",
                            "Employees insured in the latest reported month",
                            0.2,
                            FactorDirection.Favourable,
                            [5, 10, 30, 100, 300],
                            [0.15, 0.3, 0.5, 0.7, 0.85, 1.0],
                            m => m.InsuredEmployeesLatest
                        ),
                        new(
                            "insuredEmployeesTrend",
                            "Insured employees now against 6 months earlier (1 = flat)",
                            0.1,
                            FactorDirection.Favourable,
                            [0.7, 0.9, 1.0, 1.1],
                            [0.1, 0.35, 0.55, 0.75, 1.0],
                            m => Ratio(m.InsuredEmployeesTrend)
                        ),
                        new(
                            "electricityTrend",
                            "Electricity used in the last 6 months against the 6 before: real production",
                            0.15,
                            FactorDirection.Favourable,
                            [0.7, 0.9, 1.0, 1.1],
                            [0.15, 0.4, 0.55, 0.75, 1.0],
                            m => Ratio(m.ElectricityTrend)
                        ),
                    ]
                ),
                new(
                    "compliance",
                    "Compliance and warnings: arrears, administrative penalties and court records",
                    0.40,
                    [
                        new(
                            "taxArrears",
                            "Tax arrears outstanding in the latest reported month, CNY",
                            0.17,
                            FactorDirection.Unfavourable,
                            [0.01, 10_000, 100_000],
                            [1.0, 0.5, 0.25, 0.0],
                            m => Money(m.TaxArrears)
                        ),
                        new(
                            "socialSecurityArrears",
                            "Social-security arrears outstanding in the latest reported month, CNY",
                            0.13,
                            FactorDirection.Unfavourable,
                            [0.01, 10_000, 100_000],
                            [1.0, 0.5, 0.25, 0.0],
                            m => Money(m.SocialSecurityArrears)
                        ),
                        new(
                            "utilityOverdue",
                            "Water, power and gas bills overdue in the latest reported month, CNY",
                            0.08,
                            FactorDirection.Unfavourable,
                            [0.01, 5_000, 50_000],
                            [1.0, 0.6, 0.3, 0.0],
                            m => Money(m.UtilityOverdue)
                        ),
                        new(
                            "penaltiesLast36Months",
                            "Administrative penalties in the last 36 months, weighted minor 1, general 2, serious 4",
                            0.17,
                            FactorDirection.Unfavourable,
                            [1, 3, 6, 10],
                            [1.0, 0.7, 0.45, 0.2, 0.0],
                            m =>
                                m.MinorPenaltiesLast36Months
                                + 2 * m.GeneralPenaltiesLast36Months
                                + 4 * m.SeriousPenaltiesLast36Months
                        ),
                        new(
                            "openEnforcementCases",
                            "Open court enforcement cases",
                            0.13,
                            FactorDirection.Unfavourable,
                            [1, 2, 4],
                            [1.0, 0.45, 0.2, 0.0],
                            m => m.OpenEnforcementCases
                        ),
                        new(
                            "dishonestDebtor",
                            "Open listings as a dishonest judgment debtor (any caps the grade at C)",
                            0.17,
                            FactorDirection.Unfavourable,
                            [1],
                            [1.0, 0.0],
                            m => m.OpenDishonestDebtorRecords
                        ),
                        new(
                            "loanDefaultsLast60Months",
                            "Loans on this platform its banks reported in default in the last 60 months",
                            0.15,
                            FactorDirection.Unfavourable,
                            [1, 2],
                            [1.0, 0.25, 0.0],
                            m => m.LoanDefaultsLast60Months
                        ),
                    ]
                ),
            ],
        };
}
