using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;

namespace FinanceMatch.UnitTests.Matching;

public sealed class MatchRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static ProductTerms Product(
        Eligibility? eligibility = null,
        IReadOnlyList<string>? divisions = null,
        IReadOnlyList<string>? include = null,
        IReadOnlyList<string>? exclude = null,
        decimal minRate = 4m
    ) =>
        new(
            "Tax loan",
            "",
            100_000m,
            3_000_000m,
            6,
            36,
            minRate,
            minRate + 2,
            [GuaranteeType.Credit, GuaranteeType.Pledge],
            divisions ?? [],
            include ?? [],
            exclude ?? [],
            eligibility ?? new Eligibility(),
            []
        );

    private static readonly LoanAsk Ask = new(1_000_000m, 24, [GuaranteeType.Credit], null);

    private static Applicant Firm(
        string? grade = "A",
        int? score = 700,
        double years = 8,
        decimal tax = 300_000m,
        int? employees = 40,
        bool dishonest = false,
        DateOnly? seriousPenalty = null,
        string division = "440604",
        string industry = "C35"
    ) =>
        new(
            division,
            industry,
            grade is not null,
            grade,
            score,
            years,
            tax,
            employees,
            dishonest,
            seriousPenalty,
            Today
        );

    private static string[] Failed(ProductTerms product, LoanAsk ask, Applicant firm) =>
        MatchRules.Evaluate(product, ask, firm).Where(c => !c.Passed).Select(c => c.Rule).ToArray();

    [Test]
    public void EligibleFirm_PassesEveryRule() =>
        Assert.That(
            Failed(
                Product(new Eligibility("BBB", 600, 3, 200_000m, 20, true, 36), ["44"], ["C"], ["C39"]),
                Ask,
                Firm()
            ),
            Is.Empty
        );

    [TestCase(99_999.99, "amount")]
    [TestCase(3_000_000.01, "amount")]
    public void AmountOutsideTheRange_Fails(decimal amount, string rule) =>
        Assert.That(Failed(Product(), Ask with { Amount = amount }, Firm()), Is.EqualTo(new[] { rule }));

    [TestCase(5)]
    [TestCase(37)]
    public void TermOutsideTheRange_Fails(int term) =>
        Assert.That(Failed(Product(), Ask with { TermMonths = term }, Firm()), Is.EqualTo(new[] { "termMonths" }));

    [Test]
    public void NoGuaranteeTypeInCommon_Fails() =>
        Assert.That(
            Failed(Product(), Ask with { GuaranteeTypes = [GuaranteeType.Mortgage] }, Firm()),
            Is.EqualTo(new[] { "guaranteeType" })
        );

    [Test]
    public void ProductDearerThanTheFirmAccepts_Fails()
    {
        Assert.That(
            Failed(Product(minRate: 4m), Ask with { MaxAnnualRate = 3.99m }, Firm()),
            Is.EqualTo(new[] { "annualRate" })
        );
        Assert.That(Failed(Product(minRate: 4m), Ask with { MaxAnnualRate = 4m }, Firm()), Is.Empty);
    }

    [TestCase("44", "440604", true)]
    [TestCase("4406", "440604", true)]
    [TestCase("4407", "440604", false)]
    [TestCase("35", "440604", false)]
    public void DivisionPrefix_MustStartTheFirmsDivision(string prefix, string division, bool passes) =>
        Assert.That(
            Failed(Product(divisions: [prefix]), Ask, Firm(division: division)).Contains("division"),
            Is.EqualTo(!passes)
        );

    [Test]
    public void IndustryIncludeAndExclude_ArePrefixes()
    {
        Assert.That(Failed(Product(include: ["C3"]), Ask, Firm(industry: "C35")), Is.Empty);
        Assert.That(
            Failed(Product(include: ["F"]), Ask, Firm(industry: "C35")),
            Is.EqualTo(new[] { "industryInclude" })
        );
        Assert.That(
            Failed(Product(include: ["C"], exclude: ["C35"]), Ask, Firm(industry: "C35")),
            Is.EqualTo(new[] { "industryExclude" })
        );
    }

    [TestCase("A", "A", true)]
    [TestCase("AA", "A", true)]
    [TestCase("BBB", "A", false)]
    [TestCase(null, "C", false)]
    public void MinGrade_NeedsThatGradeOrBetter_AndARating(string? grade, string minGrade, bool passes)
    {
        var checks = MatchRules.Evaluate(
            Product(new Eligibility(MinGrade: minGrade)),
            Ask,
            Firm(grade: grade, score: grade is null ? null : 700)
        );
        var rule = checks.Single(c => c.Rule == "minGrade");
        Assert.That(rule.Passed, Is.EqualTo(passes));
        Assert.That(rule.Required, Is.EqualTo($"{minGrade} or better"));
        Assert.That(rule.Actual, Is.EqualTo(grade ?? "unrated"));
    }

    [Test]
    public void QuantitativeRules_SayWhatIsRequiredAndWhatTheFirmHas()
    {
        var checks = MatchRules.Evaluate(
            Product(
                new Eligibility(
                    MinScore: 800,
                    MinYearsInOperation: 10,
                    MinAnnualTaxPaid: 500_000m,
                    MinInsuredEmployees: 50
                )
            ),
            Ask,
            Firm(score: 700, years: 8, tax: 300_000m, employees: 40)
        );

        var failed = checks.Where(c => !c.Passed).ToDictionary(c => c.Rule, c => (c.Required, c.Actual));
        Assert.That(
            failed,
            Is.EquivalentTo(
                new Dictionary<string, (string, string)>
                {
                    ["minScore"] = ("at least 800", "700"),
                    ["minYearsInOperation"] = ("at least 10", "8"),
                    ["minAnnualTaxPaid"] = ("at least 500000.00", "300000.00"),
                    ["minInsuredEmployees"] = ("at least 50", "40"),
                }
            )
        );
    }

    [Test]
    public void DishonestDebtors_AreExcludedByDefault_UnlessTheProductSaysOtherwise()
    {
        Assert.That(Failed(Product(), Ask, Firm(dishonest: true)), Is.EqualTo(new[] { "excludeDishonestDebtors" }));
        Assert.That(
            Failed(Product(new Eligibility(ExcludeDishonestDebtors: false)), Ask, Firm(dishonest: true)),
            Is.Empty
        );
    }

    [Test]
    public void SeriousPenaltyInsideTheWindow_Fails_OutsideIt_Passes()
    {
        var product = Product(new Eligibility(ExcludeSeriousPenaltiesMonths: 24));
        Assert.That(
            Failed(product, Ask, Firm(seriousPenalty: Today.AddMonths(-23))),
            Is.EqualTo(new[] { "excludeSeriousPenaltiesMonths" })
        );
        Assert.That(Failed(product, Ask, Firm(seriousPenalty: Today.AddMonths(-25))), Is.Empty);
        Assert.That(Failed(product, Ask, Firm(seriousPenalty: null)), Is.Empty);
    }

    [Test]
    public void Fit_IsBetweenZeroAndHundred_AndCheaperProductsFitBetter()
    {
        var cheap = MatchRules.Fit(Product(minRate: 3.5m), Ask, Firm());
        var dear = MatchRules.Fit(Product(minRate: 9m), Ask, Firm());
        Assert.That(cheap.Total, Is.InRange(0, 100));
        Assert.That(dear.Total, Is.InRange(0, 100));
        Assert.That(cheap.Price, Is.GreaterThan(dear.Price));
        Assert.That(cheap.Total, Is.GreaterThan(dear.Total));
    }

    [Test]
    public void Fit_RewardsAComfortableEligibilityMargin()
    {
        var product = Product(new Eligibility(MinAnnualTaxPaid: 200_000m));
        var comfortable = MatchRules.Fit(product, Ask, Firm(tax: 400_000m));
        var marginal = MatchRules.Fit(product, Ask, Firm(tax: 210_000m));
        Assert.That(comfortable.EligibilityMargin, Is.EqualTo(20));
        Assert.That(marginal.EligibilityMargin, Is.EqualTo(1));
    }

    [Test]
    public void Fit_IsDeterministic_AndItsPartsAddUp()
    {
        var fit = MatchRules.Fit(Product(), Ask, Firm());
        Assert.That(MatchRules.Fit(Product(), Ask, Firm()), Is.EqualTo(fit));
        Assert.That(fit.Total, Is.EqualTo(fit.Price + fit.Guarantee + fit.EligibilityMargin + fit.Amount + fit.Term));
        Assert.That(fit.Guarantee, Is.EqualTo(20), "the product takes the one guarantee type asked for");
        Assert.That(fit.Term, Is.EqualTo(8), "24 months sits 60% of the way through 6–36: 1 − |2·0.6 − 1| = 0.8 of 10");
    }

    [Test]
    public void AListedProduct_AdmitsOnlyFirmsOnOneOfItsValidLists()
    {
        Guid pool = Guid.NewGuid(),
            other = Guid.NewGuid();
        var product = Product(new Eligibility(Lists: [pool, other]));
        Assert.That(Failed(product, Ask, Firm()), Is.EqualTo(new[] { "lists" }));
        Assert.That(Failed(product, Ask, Firm() with { Lists = [Guid.NewGuid()] }), Is.EqualTo(new[] { "lists" }));
        Assert.That(Failed(product, Ask, Firm() with { Lists = [other] }), Is.Empty);
        Assert.That(Failed(Product(), Ask, Firm()), Is.Empty, "a product naming no list admits anyone");
    }

    [Test]
    public void AListDiscount_LowersTheRateTheFirmIsOffered_ForTheRateRuleAndThePricePart()
    {
        var pool = Guid.NewGuid();
        var product = Product(minRate: 6m) with { ListTerms = new ListTerms([pool], 1.5m) };
        var capped = Ask with { MaxAnnualRate = 5m };
        var listed = Firm() with { Lists = [pool] };

        Assert.That(MatchRules.EffectiveMinRate(product, listed), Is.EqualTo(4.5m));
        Assert.That(MatchRules.EffectiveMinRate(product, Firm()), Is.EqualTo(6m));
        Assert.That(Failed(product, capped, Firm()), Is.EqualTo(new[] { "annualRate" }));
        Assert.That(Failed(product, capped, listed), Is.Empty);
        Assert.That(
            MatchRules.Fit(product, Ask, listed).Price,
            Is.EqualTo(MatchRules.Fit(Product(minRate: 4.5m), Ask, Firm()).Price)
        );
        Assert.That(
            MatchRules.Fit(product, Ask, listed).Price,
            Is.GreaterThan(MatchRules.Fit(product, Ask, Firm()).Price)
        );
        Assert.That(
            MatchRules.Evaluate(product, Ask, listed).Select(c => c.Rule),
            Does.Contain("listRateDiscount"),
            "the match explains the discount"
        );
    }
}
