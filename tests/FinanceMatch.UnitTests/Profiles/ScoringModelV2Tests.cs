using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

/// <summary>What 2027.1 adds: the new data's direction, its caps, and its place beside 2026.2.</summary>
public sealed class ScoringModelV2Tests
{
    private static readonly ScoringModel V2 = ScoringModel.Find("2027.1")!;
    private static readonly ScoringModel V1 = ScoringModel.Find("2026.2")!;

    /// <summary>A good, clean firm of two years' data: the best grade its points allow unless a cap applies.</summary>
    private static ProfileMetrics StrongFirm() =>
        new()
        {
            Uscc = "X",
            YearsInOperation = 12,
            RegisteredCapital = 30_000_000,
            TaxMonths = 24,
            SocialSecurityMonths = 24,
            UtilityMonths = 24,
            HousingFundMonths = 24,
            TaxPaidLast12Months = 6_000_000,
            TaxableRevenueLast12Months = 80_000_000,
            RevenueTrend = 1.2,
            InsuredEmployeesLatest = 400,
            InsuredEmployeesTrend = 1.2,
            ElectricityTrend = 1.2,
            HousingFundContributorsLatest = 400,
            RegistrationStatus = "active",
        };

    [Test]
    public void EnhancingData_OnlyRaises_AndItsAbsenceCostsNothing()
    {
        var plain = StrongFirm() with { YearsInOperation = 2, TaxPaidLast12Months = 20_000 };
        var withNothing = V2.Score(plain);
        foreach (var code in new[] { "intellectualProperty", "honours", "aLevelTaxpayer" })
            Assert.That(withNothing.Factors.Single(f => f.Code == code).Impact, Is.Zero, code);

        var honoured = V2.Score(plain with { ValidIntellectualProperty = 12, HonourPoints = 7, ALevelTaxpayer = true });
        Assert.That(honoured.Score, Is.GreaterThan(withNothing.Score!.Value));
        foreach (var code in new[] { "intellectualProperty", "honours", "aLevelTaxpayer" })
            Assert.That(honoured.Factors.Single(f => f.Code == code).Impact, Is.Positive, code);
    }

    [Test]
    public void WarningData_OnlyLowers_AndItsAbsenceGainsNothing()
    {
        var clean = V2.Score(StrongFirm());
        foreach (
            var code in new[] { "housingFundArrears", "poorTaxCreditRating", "openSeizures", "registrationWarnings" }
        )
            Assert.That(clean.Factors.Single(f => f.Code == code).Impact, Is.Zero, code);

        var warned = V2.Score(
            StrongFirm() with
            {
                HousingFundArrears = 20_000,
                PoorTaxCreditRating = 2,
                OpenSeizures = 1,
                OpenAbnormalListings = 1,
            }
        );
        foreach (
            var code in new[] { "housingFundArrears", "poorTaxCreditRating", "openSeizures", "registrationWarnings" }
        )
            Assert.That(warned.Factors.Single(f => f.Code == code).Impact, Is.Negative, code);
        Assert.That(warned.Score, Is.LessThan(clean.Score!.Value));
    }

    [Test]
    public void MoreHousingFundContributors_NeverLowerTheScore()
    {
        var random = new Random(21);
        for (var i = 0; i < 2_000; i++)
        {
            var firm = StrongFirm() with
            {
                TaxPaidLast12Months = random.Next(5_000_000),
                HousingFundContributorsLatest = random.Next(500),
            };
            var more = firm with
            {
                HousingFundContributorsLatest = firm.HousingFundContributorsLatest + random.Next(1, 300),
            };
            Assert.That(V2.Score(more).Score, Is.GreaterThanOrEqualTo(V2.Score(firm).Score!.Value), firm.ToString());
        }
    }

    [Test]
    public void ReleasingASeizure_NeverLowersTheScore_AndLiftsTheCap()
    {
        var seized = V2.Score(StrongFirm() with { OpenSeizures = 1 });
        var released = V2.Score(StrongFirm());
        Assert.That(released.Score, Is.GreaterThan(seized.Score!.Value));
        Assert.That(seized.Grade, Is.EqualTo("BB"));
        Assert.That(seized.Caps, Is.EqualTo(new[] { "seizure" }));
        Assert.That(released.Caps, Is.Empty);
        Assert.That(released.Grade, Is.EqualTo("AAA"));
    }

    [TestCase("abnormal", 0, 0, "BB", "abnormalOperation")]
    [TestCase("active", 1, 0, "BB", "abnormalOperation")]
    [TestCase("active", 0, 1, "C", "seriousViolation")]
    [TestCase("revoked", 0, 0, "C", "revokedOrDeregistered")]
    [TestCase("deregistered", 0, 0, "C", "revokedOrDeregistered")]
    public void TheRegulatorsWarnings_CapTheGrade(
        string status,
        int abnormalListings,
        int seriousListings,
        string cap,
        string code
    )
    {
        var result = V2.Score(
            StrongFirm() with
            {
                RegistrationStatus = status,
                OpenAbnormalListings = abnormalListings,
                OpenSeriousViolationListings = seriousListings,
            }
        );
        Assert.That(result.Grade, Is.EqualTo(cap));
        Assert.That(result.Caps, Does.Contain(code));
        Assert.That(result.Score, Is.LessThan(V2.Grades[V2.IndexOf(cap) - 1].MinScore));
    }

    [Test]
    public void TheOldVersion_IgnoresTheNewData()
    {
        var firm = StrongFirm();
        var warned = firm with
        {
            OpenSeizures = 2,
            RegistrationStatus = "revoked",
            HonourPoints = 9,
            HousingFundContributorsLatest = 1,
        };
        Assert.That(V1.Score(warned).Score, Is.EqualTo(V1.Score(firm).Score));
        Assert.That(V2.Score(warned).Score, Is.Not.EqualTo(V2.Score(firm).Score));
    }

    [Test]
    public void EveryVersionIsFoundByName_AndTheNewestIsTheLast()
    {
        Assert.That(ScoringModel.Versions.Select(v => v.Version), Is.EqualTo(new[] { "2026.2", "2027.1" }));
        Assert.That(ScoringModel.Newest, Is.SameAs(V2));
        Assert.That(ScoringModel.Find("1999.1"), Is.Null);
    }
}
