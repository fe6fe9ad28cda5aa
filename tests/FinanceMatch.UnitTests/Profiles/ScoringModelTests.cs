using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

/// <summary>
/// Properties of every scoring model version the platform keeps, checked over thousands of generated firms rather than a
/// few examples.
/// </summary>
[TestFixtureSource(nameof(VersionNames))]
public sealed class ScoringModelTests(string version)
{
    public static IEnumerable<string> VersionNames => ScoringModel.Versions.Select(v => v.Version);

    private readonly ScoringModel Model = ScoringModel.Find(version)!;
    private const int Firms = 3_000;
    private static readonly string?[] Statuses = [null, "active", "abnormal", "revoked", "deregistered"];

    private static ProfileMetrics RandomFirm(Random random, bool allowDishonest = true)
    {
        decimal? Money(int max) => random.Next(6) == 0 ? null : Math.Round((decimal)(random.NextDouble() * max), 2);
        double? Trend() => random.Next(5) == 0 ? null : Math.Round(0.4 + random.NextDouble() * 1.2, 3);
        return new ProfileMetrics
        {
            Uscc = "X",
            YearsInOperation = random.NextDouble() * 25,
            RegisteredCapital = Math.Round((decimal)(random.NextDouble() * 50_000_000), 2),
            TaxMonths = random.Next(25),
            SocialSecurityMonths = random.Next(25),
            UtilityMonths = random.Next(25),
            TaxPaidLast12Months = Money(8_000_000),
            TaxableRevenueLast12Months = Money(80_000_000),
            RevenueTrend = Trend(),
            InsuredEmployeesLatest = random.Next(6) == 0 ? null : random.Next(500),
            InsuredEmployeesTrend = Trend(),
            ElectricityTrend = Trend(),
            TaxArrears = random.Next(3) == 0 ? Math.Round((decimal)(random.NextDouble() * 200_000), 2) : 0,
            SocialSecurityArrears = random.Next(3) == 0 ? Math.Round((decimal)(random.NextDouble() * 200_000), 2) : 0,
            UtilityOverdue = random.Next(3) == 0 ? Math.Round((decimal)(random.NextDouble() * 80_000), 2) : 0,
            MinorPenaltiesLast36Months = random.Next(4),
            GeneralPenaltiesLast36Months = random.Next(3),
            SeriousPenaltiesLast36Months = random.Next(3),
            OpenEnforcementCases = random.Next(4),
            OpenDishonestDebtorRecords = allowDishonest && random.Next(8) == 0 ? 1 : 0,
            HousingFundMonths = random.Next(25),
            HousingFundContributorsLatest = random.Next(4) == 0 ? null : random.Next(400),
            HousingFundArrears = random.Next(4) == 0 ? Math.Round((decimal)(random.NextDouble() * 150_000), 2) : 0,
            ValidIntellectualProperty = random.Next(3) == 0 ? random.Next(30) * 0.5 : 0,
            HonourPoints = random.Next(3) == 0 ? random.Next(10) : 0,
            ALevelTaxpayer = random.Next(5) == 0,
            PoorTaxCreditRating = random.Next(6) == 0 ? random.Next(1, 3) : 0,
            OpenSeizures = random.Next(8) == 0 ? random.Next(1, 3) : 0,
            RegistrationStatus = Statuses[random.Next(Statuses.Length)],
            OpenAbnormalListings = random.Next(8) == 0 ? 1 : 0,
            OpenSeriousViolationListings = random.Next(15) == 0 ? 1 : 0,
        };
    }

    /// <summary>
    /// Each favourable input raised by a random amount, all else equal, including whether the input is known at all
    /// (a missing input scores neutral; data arriving for it may move the score either way, and is not "more" of it).
    /// </summary>
    private static readonly (string Name, Func<ProfileMetrics, Random, ProfileMetrics> Raise)[] Favourable =
    [
        (
            "taxPaid",
            (m, r) => m with { TaxPaidLast12Months = m.TaxPaidLast12Months + (decimal)(r.NextDouble() * 2_000_000) }
        ),
        (
            "taxableRevenue",
            (m, r) =>
                m with
                {
                    TaxableRevenueLast12Months = m.TaxableRevenueLast12Months + (decimal)(r.NextDouble() * 20_000_000),
                }
        ),
        ("insuredEmployees", (m, r) => m with { InsuredEmployeesLatest = m.InsuredEmployeesLatest + r.Next(1, 200) }),
        ("revenueTrend", (m, r) => m with { RevenueTrend = m.RevenueTrend + r.NextDouble() }),
        ("employeesTrend", (m, r) => m with { InsuredEmployeesTrend = m.InsuredEmployeesTrend + r.NextDouble() }),
        ("electricityTrend", (m, r) => m with { ElectricityTrend = m.ElectricityTrend + r.NextDouble() }),
        ("years", (m, r) => m with { YearsInOperation = m.YearsInOperation + r.NextDouble() * 10 }),
        (
            "capital",
            (m, r) => m with { RegisteredCapital = m.RegisteredCapital + (decimal)(r.NextDouble() * 10_000_000) }
        ),
        (
            "housingFundContributors",
            (m, r) => m with { HousingFundContributorsLatest = m.HousingFundContributorsLatest + r.Next(1, 200) }
        ),
        (
            "intellectualProperty",
            (m, r) => m with { ValidIntellectualProperty = m.ValidIntellectualProperty + r.Next(1, 10) * 0.5 }
        ),
        ("honours", (m, r) => m with { HonourPoints = m.HonourPoints + r.Next(1, 5) }),
        ("aLevelTaxpayer", (m, _) => m with { ALevelTaxpayer = true }),
        ("seizureReleased", (m, _) => m with { OpenSeizures = Math.Max(0, m.OpenSeizures - 1) }),
        ("abnormalListingRemoved", (m, _) => m with { OpenAbnormalListings = Math.Max(0, m.OpenAbnormalListings - 1) }),
    ];

    /// <summary>Each unfavourable input raised, all else equal.</summary>
    private static readonly (string Name, Func<ProfileMetrics, Random, ProfileMetrics> Raise)[] Unfavourable =
    [
        ("taxArrears", (m, r) => m with { TaxArrears = m.TaxArrears + (decimal)(r.NextDouble() * 100_000) + 0.01m }),
        (
            "socialSecurityArrears",
            (m, r) =>
                m with
                {
                    SocialSecurityArrears = m.SocialSecurityArrears + (decimal)(r.NextDouble() * 100_000) + 0.01m,
                }
        ),
        (
            "utilityOverdue",
            (m, r) => m with { UtilityOverdue = m.UtilityOverdue + (decimal)(r.NextDouble() * 50_000) + 0.01m }
        ),
        (
            "minorPenalties",
            (m, r) => m with { MinorPenaltiesLast36Months = m.MinorPenaltiesLast36Months + r.Next(1, 4) }
        ),
        (
            "generalPenalties",
            (m, r) => m with { GeneralPenaltiesLast36Months = m.GeneralPenaltiesLast36Months + r.Next(1, 4) }
        ),
        (
            "seriousPenalties",
            (m, r) => m with { SeriousPenaltiesLast36Months = m.SeriousPenaltiesLast36Months + r.Next(1, 4) }
        ),
        ("enforcement", (m, r) => m with { OpenEnforcementCases = m.OpenEnforcementCases + r.Next(1, 4) }),
        ("dishonestDebtor", (m, r) => m with { OpenDishonestDebtorRecords = m.OpenDishonestDebtorRecords + 1 }),
        (
            "housingFundArrears",
            (m, r) => m with { HousingFundArrears = m.HousingFundArrears + (decimal)(r.NextDouble() * 100_000) + 0.01m }
        ),
        ("poorTaxCreditRating", (m, r) => m with { PoorTaxCreditRating = Math.Min(2, m.PoorTaxCreditRating + 1) }),
        ("seizure", (m, r) => m with { OpenSeizures = m.OpenSeizures + 1 }),
        ("abnormalListing", (m, r) => m with { OpenAbnormalListings = m.OpenAbnormalListings + 1 }),
        (
            "seriousViolationListing",
            (m, r) => m with { OpenSeriousViolationListings = m.OpenSeriousViolationListings + 1 }
        ),
        (
            "statusAbnormal",
            (m, r) =>
                m with
                {
                    RegistrationStatus = m.RegistrationStatus is null or "active" ? "abnormal" : m.RegistrationStatus,
                }
        ),
    ];

    [Test]
    public void Score_NeverFalls_WhenAFavourableInputRises()
    {
        var random = new Random(1);
        var violations = new List<string>();
        for (var i = 0; i < Firms; i++)
        {
            var firm = RandomFirm(random) with { TaxMonths = 12 };
            var before = Model.Score(firm).Score!.Value;
            foreach (var (name, raise) in Favourable)
            {
                var after = Model.Score(raise(firm, random)).Score!.Value;
                if (after < before)
                    violations.Add($"{name}: {before} → {after} for {firm}");
            }
        }
        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void Score_NeverRises_WhenAnUnfavourableInputRises()
    {
        var random = new Random(2);
        var violations = new List<string>();
        for (var i = 0; i < Firms; i++)
        {
            var firm = RandomFirm(random) with { TaxMonths = 12 };
            var before = Model.Score(firm).Score!.Value;
            foreach (var (name, raise) in Unfavourable)
            {
                var after = Model.Score(raise(firm, random)).Score!.Value;
                if (after > before)
                    violations.Add($"{name}: {before} → {after} for {firm}");
            }
        }
        Assert.That(violations, Is.Empty);
    }

    [Test]
    public void OpenDishonestDebtorRecord_CapsTheGradeAtC()
    {
        var random = new Random(3);
        for (var i = 0; i < Firms; i++)
        {
            var firm = RandomFirm(random, allowDishonest: false) with
            {
                TaxMonths = 24,
                OpenDishonestDebtorRecords = 1 + random.Next(3),
                // even the best firm otherwise
                TaxPaidLast12Months = 9_000_000,
                InsuredEmployeesLatest = 900,
                TaxArrears = 0,
                OpenSeizures = 0,
                RegistrationStatus = "active",
                OpenAbnormalListings = 0,
                OpenSeriousViolationListings = 0,
            };
            var result = Model.Score(firm);
            Assert.That(result.Grade, Is.EqualTo("C"), firm.ToString());
            Assert.That(result.Score, Is.LessThan(350));
        }
    }

    [Test]
    public void Score_IsAPureFunctionOfTheMetricsAndTheModel()
    {
        var random = new Random(4);
        for (var i = 0; i < Firms; i++)
        {
            var firm = RandomFirm(random) with { TaxMonths = 3 };
            var first = Model.Score(firm);
            var again = Model.Score(firm with { });
            Assert.That(again.Score, Is.EqualTo(first.Score));
            Assert.That(again.Grade, Is.EqualTo(first.Grade));
            Assert.That(again.Factors, Is.EqualTo(first.Factors));
        }
    }

    [Test]
    public void Score_IsTheNeutralMiddlePlusTheFactorImpacts_AndTheGradeMatchesItsBand()
    {
        var random = new Random(5);
        for (var i = 0; i < Firms; i++)
        {
            var firm = RandomFirm(random, allowDishonest: false) with
            {
                TaxMonths = 6,
                // no grade cap: the points alone make the grade
                OpenSeizures = 0,
                RegistrationStatus = "active",
                OpenAbnormalListings = 0,
                OpenSeriousViolationListings = 0,
            };
            var result = Model.Score(firm);
            var factorCount = result.Factors.Count;
            Assert.That(
                result.Score!.Value,
                Is.EqualTo(500 + result.Factors.Sum(f => f.Impact)).Within(factorCount / 2 + 1)
            );
            Assert.That(result.Score, Is.InRange(0, 1000));
            Assert.That(result.Grade, Is.EqualTo(Model.GradeOf(result.Score!.Value)));
        }
    }

    [Test]
    public void NoDataAtAll_IsNotRated()
    {
        var result = Model.Score(
            new ProfileMetrics
            {
                Uscc = "X",
                YearsInOperation = 12,
                RegisteredCapital = 10_000_000,
            }
        );
        Assert.That(result.Rated, Is.False);
        Assert.That(result.Score, Is.Null);
        Assert.That(result.Grade, Is.Null);
    }

    [Test]
    public void ThinFile_IsRatedOnWhatExists_MissingFactorsAreNeutral()
    {
        var result = Model.Score(
            new ProfileMetrics
            {
                Uscc = "X",
                YearsInOperation = 2,
                RegisteredCapital = 1_000_000,
                TaxMonths = 2,
                TaxPaidLast12Months = 20_000,
            }
        );
        Assert.That(result.Rated, Is.True);
        var missing = result
            .Factors.Where(f => f.Code is "insuredEmployeesLatest" or "electricityTrend" or "revenueTrend")
            .ToList();
        Assert.That(missing, Has.Count.EqualTo(3));
        Assert.That(missing.Select(f => (f.Value, f.Impact)), Has.All.EqualTo(((double?)null, 0)));
    }

    [Test]
    public void Model_WeightsSumToOne_BandsRunTheRightWay()
    {
        Assert.That(Model.Dimensions.Sum(d => d.Weight), Is.EqualTo(1).Within(1e-9));
        foreach (var dimension in Model.Dimensions)
        {
            Assert.That(dimension.Factors.Sum(f => f.Weight), Is.EqualTo(1).Within(1e-9), dimension.Code);
            foreach (var factor in dimension.Factors)
            {
                Assert.That(factor.BandScores, Has.Count.EqualTo(factor.Thresholds.Count + 1), factor.Code);
                Assert.That(factor.Thresholds, Is.Ordered.Ascending, factor.Code);
                Assert.That(
                    factor.BandScores,
                    factor.Direction is FactorDirection.Favourable or FactorDirection.Enhancing
                        ? Is.Ordered.Ascending
                        : Is.Ordered.Descending,
                    factor.Code
                );
                // Enhancing data can only raise a score and warning data only lower it: none of it is the neutral middle.
                if (factor.Direction is FactorDirection.Enhancing or FactorDirection.Warning)
                    Assert.That(factor.BandScores[0], Is.EqualTo(ScoringModel.Neutral), factor.Code);
                Assert.That(factor.BandScores, Has.All.InRange(0d, 1d), factor.Code);
            }
        }
        Assert.That(Model.Grades.Select(g => g.MinScore), Is.Ordered.Descending);
        Assert.That(Model.Grades.Select(g => g.Grade), Is.EqualTo(new[] { "AAA", "AA", "A", "BBB", "BB", "B", "C" }));
    }
}
