using FinanceMatch.Api.Infrastructure;

namespace FinanceMatch.UnitTests.Platform;

public sealed class SqlFilesTests
{
    [Test]
    public void APlaceholder_IsFilledWithAPlainIdentifier_AndNothingElse()
    {
        var filled = Sql.Load("Profiles.RaiseAlerts", ("staging", "financematch_staging.profiles_ab12"));

        Assert.That(filled, Does.Contain("FROM financematch_staging.profiles_ab12 s").And.Not.Contain("{{"));
        Assert.Throws<ArgumentException>(() =>
            Sql.Load("Profiles.RaiseAlerts", ("staging", "x s; DROP TABLE financematch.alerts; --"))
        );
        Assert.Throws<ArgumentException>(() => Sql.Load("Profiles.RaiseAlerts", ("staging", "\"Quoted\"")));
    }

    [Test]
    public void AStatement_IsNamedAreaDotName()
    {
        Assert.Throws<ArgumentException>(() => Sql.Load("RaiseAlerts"));
        Assert.Throws<InvalidOperationException>(() => Sql.Load("Profiles.NoSuchStatement"));
    }

    [Test]
    public void AnOptionalLine_IsKeptOnlyForItsVariant()
    {
        var all = Sql.WithOptionalLines("Profiles.ReadMetrics");
        var some = Sql.WithOptionalLines("Profiles.ReadMetrics", "someFirms");

        Assert.That(all, Does.Not.Contain("ANY($9").And.Contain("e.verification = 'Verified'"));
        Assert.That(some, Does.Contain("AND e.uscc = ANY($9::bpchar[])"));
        Assert.That(some.Split('\n'), Has.Length.EqualTo(all.Split('\n').Length + 1));
        Assert.Throws<ArgumentException>(() => Sql.WithOptionalLines("Profiles.ReadMetrics", "noSuchVariant"));
    }
}
