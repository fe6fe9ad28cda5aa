using FinanceMatch.Core.Profiles;

namespace FinanceMatch.UnitTests.Profiles;

public sealed class FactorSourcesTests
{
    [Test]
    public void EveryFactorOfTheModel_HasASource_AndNothingElseDoes()
    {
        var modelFactors = ScoringModel.Current.Dimensions.SelectMany(d => d.Factors).Select(f => f.Code);
        Assert.That(FactorSources.Codes, Is.EquivalentTo(modelFactors));
    }
}
