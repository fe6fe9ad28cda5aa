namespace FinanceMatch.Core.Profiles;

public enum FactorDirection
{
    /// <summary>More is better (tax paid, employees, growth).</summary>
    Favourable,

    /// <summary>More is worse (arrears, penalties, court cases).</summary>
    Unfavourable,

    /// <summary>
    /// Credit-enhancing data (patents, honours, an A-level taxpayer rating): none scores the neutral middle and more only
    /// raises the score, so a firm is never marked down for lacking an honour.
    /// </summary>
    Enhancing,

    /// <summary>
    /// Warning data (seizures, abnormal-operation listings, a poor tax credit rating): none scores the neutral middle and
    /// more only lowers the score, since the absence of a listing says nothing in its favour.
    /// </summary>
    Warning,
}

/// <summary>
/// The worst grade a firm can have while <paramref name="Applies"/> holds, whatever its points: a cap, not a factor, because
/// no amount of tax paid makes a dishonest debtor or a firm whose property is seized a good risk.
/// </summary>
public sealed record GradeCap(string Code, string Description, string Grade, Func<ProfileMetrics, bool> Applies);

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
    IReadOnlyList<FactorResult> Factors,
    IReadOnlyList<string>? Caps = null
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

    /// <summary>What changed against the version before, for the public model description.</summary>
    public required string Summary { get; init; }

    /// <summary>The grade ladder, best first: the same in every version, so products, policies and lists name grades once.</summary>
    public IReadOnlyList<GradeBand> Grades { get; } = Ladder;
    public required IReadOnlyList<Dimension> Dimensions { get; init; }
    public required IReadOnlyList<GradeCap> Caps { get; init; }

    public static readonly IReadOnlyList<GradeBand> Ladder =
    [
        new("AAA", 850),
        new("AA", 750),
        new("A", 650),
        new("BBB", 550),
        new("BB", 450),
        new("B", 350),
        new("C", 0),
    ];

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
        var caps = new List<string>();
        foreach (var cap in Caps)
        {
            if (!cap.Applies(metrics))
                continue;
            caps.Add(cap.Code);
            var worst = IndexOf(cap.Grade);
            if (IndexOf(grade) < worst)
            {
                grade = cap.Grade;
                points = Math.Min(points, Grades[worst - 1].MinScore - 1);
            }
        }
        return new ScoreResult(true, points, grade, dimensions, factors, caps);
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

    private static double? Money(decimal? value) => value is { } v ? (double)v : null;

    /// <summary>The factors' curves, shared by the versions that use them (each version sets its own weight).</summary>
    private static class Curves
    {
        public static readonly Factor YearsInOperation = new(
            "yearsInOperation",
            "Years since establishment (the market regulator's date when it has reported the firm, else the firm's own)",
            0,
            FactorDirection.Favourable,
            [1, 3, 5, 10],
            [0.2, 0.45, 0.65, 0.85, 1.0],
            m => m.YearsInOperation
        );
        public static readonly Factor RegisteredCapital = new(
            "registeredCapital",
            "Registered capital, CNY (the market regulator's figure when it has reported the firm)",
            0,
            FactorDirection.Favourable,
            [500_000, 1_000_000, 5_000_000, 20_000_000],
            [0.3, 0.45, 0.65, 0.85, 1.0],
            m => Money(m.RegisteredCapital)
        );
        public static readonly Factor TaxPaid = new(
            "taxPaidLast12Months",
            "Tax paid over the last 12 whole months, CNY",
            0,
            FactorDirection.Favourable,
            [10_000, 50_000, 200_000, 1_000_000, 5_000_000],
            [0.1, 0.3, 0.5, 0.7, 0.85, 1.0],
            m => Money(m.TaxPaidLast12Months)
        );
        public static readonly Factor TaxableRevenue = new(
            "taxableRevenueLast12Months",
            "Taxable revenue over the last 12 whole months, CNY",
            0,
            FactorDirection.Favourable,
            [500_000, 2_000_000, 10_000_000, 50_000_000],
            [0.15, 0.4, 0.6, 0.8, 1.0],
            m => Money(m.TaxableRevenueLast12Months)
        );
        public static readonly Factor RevenueTrend = new(
            "revenueTrend",
            "Taxable revenue of the last 6 months against the 6 before (1 = flat)",
            0,
            FactorDirection.Favourable,
            [0.7, 0.9, 1.0, 1.1],
            [0.1, 0.35, 0.55, 0.75, 1.0],
            m => m.RevenueTrend
        );
        public static readonly Factor InsuredEmployees = new(
            "insuredEmployeesLatest",
            "Employees insured in the latest reported month",
            0,
            FactorDirection.Favourable,
            [5, 10, 30, 100, 300],
            [0.15, 0.3, 0.5, 0.7, 0.85, 1.0],
            m => m.InsuredEmployeesLatest
        );
        public static readonly Factor InsuredEmployeesTrend = new(
            "insuredEmployeesTrend",
            "Insured employees now against 6 months earlier (1 = flat)",
            0,
            FactorDirection.Favourable,
            [0.7, 0.9, 1.0, 1.1],
            [0.1, 0.35, 0.55, 0.75, 1.0],
            m => m.InsuredEmployeesTrend
        );
        public static readonly Factor ElectricityTrend = new(
            "electricityTrend",
            "Electricity used in the last 6 months against the 6 before: real production",
            0,
            FactorDirection.Favourable,
            [0.7, 0.9, 1.0, 1.1],
            [0.15, 0.4, 0.55, 0.75, 1.0],
            m => m.ElectricityTrend
        );
        public static readonly Factor HousingFundContributors = new(
            "housingFundContributorsLatest",
            "Employees for whom the firm paid into the housing provident fund in the latest reported month",
            0,
            FactorDirection.Favourable,
            [5, 10, 30, 100, 300],
            [0.15, 0.3, 0.5, 0.7, 0.85, 1.0],
            m => m.HousingFundContributorsLatest
        );
        public static readonly Factor TaxArrears = new(
            "taxArrears",
            "Tax arrears outstanding in the latest reported month, CNY",
            0,
            FactorDirection.Unfavourable,
            [0.01, 10_000, 100_000],
            [1.0, 0.5, 0.25, 0.0],
            m => Money(m.TaxArrears)
        );
        public static readonly Factor SocialSecurityArrears = new(
            "socialSecurityArrears",
            "Social-security arrears outstanding in the latest reported month, CNY",
            0,
            FactorDirection.Unfavourable,
            [0.01, 10_000, 100_000],
            [1.0, 0.5, 0.25, 0.0],
            m => Money(m.SocialSecurityArrears)
        );
        public static readonly Factor UtilityOverdue = new(
            "utilityOverdue",
            "Water, power and gas bills overdue in the latest reported month, CNY",
            0,
            FactorDirection.Unfavourable,
            [0.01, 5_000, 50_000],
            [1.0, 0.6, 0.3, 0.0],
            m => Money(m.UtilityOverdue)
        );
        public static readonly Factor Penalties = new(
            "penaltiesLast36Months",
            "Administrative penalties that count (decided in the last 36 months, still in publicity, not revoked or repaired), weighted minor 1, general 2, serious 4",
            0,
            FactorDirection.Unfavourable,
            [1, 3, 6, 10],
            [1.0, 0.7, 0.45, 0.2, 0.0],
            m => m.MinorPenaltiesLast36Months + 2 * m.GeneralPenaltiesLast36Months + 4 * m.SeriousPenaltiesLast36Months
        );
        public static readonly Factor OpenEnforcementCases = new(
            "openEnforcementCases",
            "Open court enforcement cases",
            0,
            FactorDirection.Unfavourable,
            [1, 2, 4],
            [1.0, 0.45, 0.2, 0.0],
            m => m.OpenEnforcementCases
        );
        public static readonly Factor DishonestDebtor = new(
            "dishonestDebtor",
            "Open listings as a dishonest judgment debtor (any caps the grade at C)",
            0,
            FactorDirection.Unfavourable,
            [1],
            [1.0, 0.0],
            m => m.OpenDishonestDebtorRecords
        );
        public static readonly Factor LoanDefaults = new(
            "loanDefaultsLast60Months",
            "Loans on this platform its banks reported in default in the last 60 months",
            0,
            FactorDirection.Unfavourable,
            [1, 2],
            [1.0, 0.25, 0.0],
            m => m.LoanDefaultsLast60Months
        );
        public static readonly Factor IntellectualProperty = new(
            "intellectualProperty",
            "Valid patents and trademarks, weighted invention 3, utility model and design 1, trademark 0.5",
            0,
            FactorDirection.Enhancing,
            [0.5, 3, 10],
            [0.5, 0.7, 0.85, 1.0],
            m => m.ValidIntellectualProperty
        );
        public static readonly Factor Honours = new(
            "honours",
            "Honours in force (专精特新 designations, awards), weighted national 4, provincial 3, municipal 2, district 1",
            0,
            FactorDirection.Enhancing,
            [1, 3, 6],
            [0.5, 0.7, 0.85, 1.0],
            m => m.HonourPoints
        );
        public static readonly Factor ALevelTaxpayer = new(
            "aLevelTaxpayer",
            "An A-level taxpayer: the latest tax credit rating is A, or the honour is in force (1 = yes)",
            0,
            FactorDirection.Enhancing,
            [1],
            [0.5, 1.0],
            m => m.ALevelTaxpayer ? 1 : 0
        );
        public static readonly Factor HousingFundArrears = new(
            "housingFundArrears",
            "Housing provident fund arrears outstanding in the latest reported month, CNY",
            0,
            FactorDirection.Warning,
            [0.01, 10_000, 100_000],
            [0.5, 0.3, 0.15, 0.0],
            m => Money(m.HousingFundArrears)
        );
        public static readonly Factor PoorTaxCreditRating = new(
            "poorTaxCreditRating",
            "The latest tax credit rating: C counts 1, D (serious tax dishonesty) 2",
            0,
            FactorDirection.Warning,
            [1, 2],
            [0.5, 0.2, 0.0],
            m => m.PoorTaxCreditRating
        );
        public static readonly Factor OpenSeizures = new(
            "openSeizures",
            "Seizures of the firm's real estate not yet released (any caps the grade at BB)",
            0,
            FactorDirection.Warning,
            [1, 2],
            [0.5, 0.1, 0.0],
            m => m.OpenSeizures
        );
        public static readonly Factor RegistrationWarnings = new(
            "registrationWarnings",
            "The market regulator's warnings: an abnormal, revoked or deregistered status counts 1, each open abnormal-operation listing 1, each serious-violation listing 2",
            0,
            FactorDirection.Warning,
            [1, 2],
            [0.5, 0.15, 0.0],
            m => m.RegistrationWarnings
        );
    }

    private static Factor Weighted(Factor factor, double weight) => factor with { Weight = weight };

    private static readonly GradeCap DishonestDebtorCap = new(
        "dishonestDebtor",
        "An open listing as a dishonest judgment debtor",
        "C",
        m => m.OpenDishonestDebtorRecords > 0
    );

    /// <summary>
    /// 2026.2: a change of any weight, band or factor is a new version; 2026.2 added <c>loanDefaultsLast60Months</c>
    /// (banks' post-loan reports) to the compliance dimension, the other compliance weights scaled to make room; profile
    /// history keeps the scores of 2026.1.
    /// </summary>
    public static ScoringModel V2026_2 { get; } =
        new()
        {
            Version = "2026.2",
            Summary =
                "Registration, tax, social security, utilities, penalties, court records and the platform's own loan defaults.",
            Caps = [DishonestDebtorCap],
            Dimensions =
            [
                new(
                    "basic",
                    "Registration facts: how long the firm has operated and the capital its shareholders committed",
                    0.15,
                    [Weighted(Curves.YearsInOperation, 0.6), Weighted(Curves.RegisteredCapital, 0.4)]
                ),
                new(
                    "operating",
                    "Operating strength from tax, social security and electricity data",
                    0.45,
                    [
                        Weighted(Curves.TaxPaid, 0.25),
                        Weighted(Curves.TaxableRevenue, 0.2),
                        Weighted(Curves.RevenueTrend, 0.1),
                        Weighted(Curves.InsuredEmployees, 0.2),
                        Weighted(Curves.InsuredEmployeesTrend, 0.1),
                        Weighted(Curves.ElectricityTrend, 0.15),
                    ]
                ),
                new(
                    "compliance",
                    "Compliance and warnings: arrears, administrative penalties and court records",
                    0.40,
                    [
                        Weighted(Curves.TaxArrears, 0.17),
                        Weighted(Curves.SocialSecurityArrears, 0.13),
                        Weighted(Curves.UtilityOverdue, 0.08),
                        Weighted(Curves.Penalties, 0.17),
                        Weighted(Curves.OpenEnforcementCases, 0.13),
                        Weighted(Curves.DishonestDebtor, 0.17),
                        Weighted(Curves.LoanDefaults, 0.15),
                    ]
                ),
            ],
        };

    /// <summary>
    /// 2027.1: the five-part credit file. The market regulator's facts replace the typed ones in the basic dimension;
    /// housing-fund contributors join operating strength; a new credit-enhancing dimension (patents, honours, A-level
    /// taxpayer) can only raise a score; warning data (housing-fund arrears, a C or D tax rating, seizures, the
    /// regulator's listings and status) can only lower it; a seizure or an abnormal status caps the grade at BB, a
    /// serious-violation listing or a revoked or deregistered firm at C. docs/SCORING.md gives each weight's reason.
    /// </summary>
    public static ScoringModel V2027_1 { get; } =
        new()
        {
            Version = "2027.1",
            Summary =
                "The five-part credit file: the regulator's registration, housing fund, patents and honours, seizures and listings; enhancing data only raises, warning data only lowers, seizures and abnormal status cap the grade.",
            Caps =
            [
                DishonestDebtorCap,
                new(
                    "seriousViolation",
                    "Listed by the market regulator for serious violations",
                    "C",
                    m => m.OpenSeriousViolationListings > 0
                ),
                new(
                    "revokedOrDeregistered",
                    "The market regulator reports the firm's licence revoked or the firm deregistered",
                    "C",
                    m => m.RegistrationStatus is "revoked" or "deregistered"
                ),
                new(
                    "abnormalOperation",
                    "The market regulator reports the firm abnormal or lists it for abnormal operation",
                    "BB",
                    m => m.RegistrationStatus is "abnormal" || m.OpenAbnormalListings > 0
                ),
                new("seizure", "Real estate of the firm's is seized", "BB", m => m.OpenSeizures > 0),
            ],
            Dimensions =
            [
                new(
                    "basic",
                    "基础信息: registration facts, the market regulator's where it has reported the firm",
                    0.10,
                    [Weighted(Curves.YearsInOperation, 0.6), Weighted(Curves.RegisteredCapital, 0.4)]
                ),
                new(
                    "operating",
                    "经营信息: operating strength from tax, social security, housing fund and electricity data",
                    0.37,
                    [
                        Weighted(Curves.TaxPaid, 0.22),
                        Weighted(Curves.TaxableRevenue, 0.18),
                        Weighted(Curves.RevenueTrend, 0.1),
                        Weighted(Curves.InsuredEmployees, 0.16),
                        Weighted(Curves.InsuredEmployeesTrend, 0.08),
                        Weighted(Curves.ElectricityTrend, 0.14),
                        Weighted(Curves.HousingFundContributors, 0.12),
                    ]
                ),
                new(
                    "enhancing",
                    "增信信息: credit-enhancing data, which can only raise a score",
                    0.08,
                    [
                        Weighted(Curves.IntellectualProperty, 0.4),
                        Weighted(Curves.Honours, 0.35),
                        Weighted(Curves.ALevelTaxpayer, 0.25),
                    ]
                ),
                new(
                    "compliance",
                    "警示信息: arrears, penalties, court records, loan defaults, seizures and the regulator's warnings",
                    0.45,
                    [
                        Weighted(Curves.TaxArrears, 0.13),
                        Weighted(Curves.SocialSecurityArrears, 0.10),
                        Weighted(Curves.UtilityOverdue, 0.06),
                        Weighted(Curves.Penalties, 0.14),
                        Weighted(Curves.OpenEnforcementCases, 0.11),
                        Weighted(Curves.DishonestDebtor, 0.13),
                        Weighted(Curves.LoanDefaults, 0.11),
                        Weighted(Curves.HousingFundArrears, 0.05),
                        Weighted(Curves.PoorTaxCreditRating, 0.05),
                        Weighted(Curves.OpenSeizures, 0.06),
                        Weighted(Curves.RegistrationWarnings, 0.06),
                    ]
                ),
            ],
        };

    /// <summary>Every version the platform can score with, oldest first; profile history names them.</summary>
    public static IReadOnlyList<ScoringModel> Versions { get; } = [V2026_2, V2027_1];

    /// <summary>The newest version: what a new deployment scores with until an operator switches over to another.</summary>
    public static ScoringModel Newest => Versions[^1];

    /// <summary>The version of this name, or null.</summary>
    public static ScoringModel? Find(string? version) => Versions.FirstOrDefault(v => v.Version == version);
}
