using FinanceMatch.Core.Feeds;

namespace FinanceMatch.UnitTests.Feeds;

public sealed class FeedSchemaTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private const string Uscc = "91350100M000100Y43";

    private static (bool Ok, object?[] Typed, List<FieldError> Errors) Parse(FeedType type, params string?[] raw)
    {
        var schema = FeedSchema.For(type);
        var values = new string?[schema.Fields.Count];
        Array.Copy(raw, values, raw.Length);
        var typed = new object?[schema.Fields.Count];
        var errors = new List<FieldError>();
        return (schema.TryParseRow(values, typed, errors, Today), typed, errors);
    }

    [Test]
    public void TaxRow_ParsesTypedValues_WithDefaults()
    {
        var (ok, typed, _) = Parse(FeedType.Tax, Uscc.ToLowerInvariant(), "2026-10", "1234.5", "100000", null, "a");
        Assert.That(ok, Is.True);
        Assert.That(typed, Is.EqualTo(new object?[] { Uscc, new DateOnly(2026, 10, 1), 1234.5m, 100000m, 0m, "A" }));
    }

    [TestCase("2026-12", "future")]
    [TestCase("2026-13", "YYYY-MM")]
    [TestCase("2026-1", "YYYY-MM")]
    [TestCase("26-10", "YYYY-MM")]
    public void BadPeriod_IsRejected(string period, string reason)
    {
        var (ok, _, errors) = Parse(FeedType.Tax, Uscc, period, "1", "1");
        Assert.That(ok, Is.False);
        Assert.That(errors.Single().Field, Is.EqualTo("period"));
        Assert.That(errors.Single().Message, Does.Contain(reason));
    }

    [Test]
    public void CurrentMonth_IsAccepted() => Assert.That(Parse(FeedType.Tax, Uscc, "2026-11", "1", "1").Ok, Is.True);

    [TestCase("-1", "negative")]
    [TestCase("1.005", "decimals")]
    [TestCase("abc", "number")]
    [TestCase("1e20", "too large")]
    public void BadMoney_IsRejected(string amount, string reason)
    {
        var (_, _, errors) = Parse(FeedType.Tax, Uscc, "2026-10", amount, "1");
        Assert.That(errors.Single().Message, Does.Contain(reason));
    }

    [Test]
    public void Consumption_AllowsThreeDecimals_KindIsAChoice()
    {
        Assert.That(Parse(FeedType.Utility, Uscc, "2026-10", "electricity", "1.125", "10").Ok, Is.True);
        var (ok, _, errors) = Parse(FeedType.Utility, Uscc, "2026-10", "steam", "1.1255", "10");
        Assert.That(ok, Is.False);
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "kind", "consumption" }));
    }

    [TestCase("12.5")]
    [TestCase("-3")]
    [TestCase("1e3")]
    public void InsuredEmployees_MustBeAWholeNumber(string value) =>
        Assert.That(
            Parse(FeedType.SocialSecurity, Uscc, "2026-10", value, "1").Errors.Single().Field,
            Is.EqualTo("insuredEmployees")
        );

    [Test]
    public void Revocation_BeforeDecision_IsRejected()
    {
        var (ok, _, errors) = Parse(FeedType.Penalty, Uscc, "D-1", "2026-05-01", "Bureau", "minor", "10", "2026-04-01");
        Assert.That(ok, Is.False);
        Assert.That(errors.Single().Field, Is.EqualTo("revokedOn"));
    }

    [Test]
    public void EveryMissingRequiredField_IsReported()
    {
        var (_, _, errors) = Parse(FeedType.Judicial);
        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "uscc", "caseNo", "filedOn", "kind", "amount" }));
    }

    [Test]
    public void UpsertSql_ResolvesDuplicatesLastRowWins_AndScopesPenaltyKeysToTheDepartment()
    {
        var tax = FeedSchema.For(FeedType.Tax).UpsertSql("s");
        Assert.That(
            tax,
            Does.Contain("DISTINCT ON (uscc, period)")
                .And.Contain("row_number DESC")
                .And.Contain("ON CONFLICT (uscc, period)")
        );
        var penalty = FeedSchema.For(FeedType.Penalty).UpsertSql("s");
        Assert.That(penalty, Does.Contain("ON CONFLICT (department_id, decision_no)"));
    }
}
