using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

public sealed class FactorSourcesTests
{
    [Test]
    public void EveryFactorOfTheModel_HasASource_AndNothingElseDoes()
    {
        var modelFactors = ScoringModel
            .Versions.SelectMany(v => v.Dimensions)
            .SelectMany(d => d.Factors)
            .Select(f => f.Code)
            .Distinct();
        Assert.That(FactorSources.Codes, Is.EquivalentTo(modelFactors));
    }
}
