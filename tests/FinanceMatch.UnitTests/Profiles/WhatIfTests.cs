using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

public sealed class WhatIfTests
{
    private static readonly ProfileMetrics Firm = new()
    {
        Uscc = "91440604MA4W1XYZ3K",
        YearsInOperation = 6,
        TaxMonths = 12,
        SocialSecurityMonths = 12,
        UtilityMonths = 12,
        TaxPaidLast12Months = 120_000m,
        TaxableRevenueLast12Months = 2_400_000m,
        InsuredEmployeesLatest = 18,
        TaxArrears = 5_000m,
        SocialSecurityArrears = 1_200m,
        UtilityOverdue = 300m,
    };

    [Test]
    public void UnsetInputs_StayAsTheyAre_AndClearingArrearsClearsAllThree()
    {
        Assert.That(new WhatIfChanges().Apply(Firm), Is.EqualTo(Firm));

        var changed = new WhatIfChanges(InsuredEmployeesLatest: 30, ClearArrears: true).Apply(Firm);

        Assert.That(
            (changed.InsuredEmployeesLatest, changed.TaxArrears, changed.SocialSecurityArrears, changed.UtilityOverdue),
            Is.EqualTo(((int?)30, 0m, 0m, 0m))
        );
        Assert.That(changed.TaxPaidLast12Months, Is.EqualTo(Firm.TaxPaidLast12Months));
    }

    [Test]
    public void TheScorecardIsMonotone_MorePaidOrNoArrearsNeverScoresLower()
    {
        var model = ScoringModel.Newest;
        var random = new Random(18);
        for (var i = 0; i < 500; i++)
        {
            var firm = Firm with
            {
                TaxPaidLast12Months = random.Next(0, 3_000_000),
                InsuredEmployeesLatest = random.Next(0, 300),
                TaxArrears = random.Next(0, 3) * 1_000m,
            };
            var better = new WhatIfChanges(
                TaxPaidLast12Months: firm.TaxPaidLast12Months + random.Next(0, 2_000_000),
                InsuredEmployeesLatest: firm.InsuredEmployeesLatest + random.Next(0, 100),
                ClearArrears: random.Next(2) == 0
            ).Apply(firm);

            Assert.That(model.Score(better).Score, Is.GreaterThanOrEqualTo(model.Score(firm).Score!.Value), $"{firm}");
        }
    }
}
