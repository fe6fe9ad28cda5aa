using System.Globalization;
using FinanceMatch.Core.Products;
using FinanceMatch.Core.Profiles;

namespace FinanceMatch.Core.Matching;

/// <summary>What the matching engine knows about the firm behind a request: registration data and its current profile.</summary>
public sealed record Applicant(
    string DivisionCode,
    string IndustryCode,
    bool Rated,
    string? Grade,
    int? Score,
    double YearsInOperation,
    decimal TaxPaidLast12Months,
    int? InsuredEmployeesLatest,
    bool DishonestDebtor,
    DateOnly? LatestSeriousPenaltyOn,
    DateOnly Today,
    IReadOnlyCollection<Guid>? Lists = null
)
{
    /// <summary>The valid lists the firm is on (a department's pool, whitelist, red list).</summary>
    public IReadOnlyCollection<Guid> OnLists => Lists ?? [];

    public bool IsOnAny(IEnumerable<Guid> lists) => lists.Any(OnLists.Contains);
}

/// <summary>What the firm asks for.</summary>
public sealed record LoanAsk(
    decimal Amount,
    int TermMonths,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    decimal? MaxAnnualRate
);

/// <summary>One rule of a product checked against a request: what the product requires and what the firm has.</summary>
public sealed record RuleCheck(string Rule, bool Passed, string Required, string Actual);

/// <summary>The parts of the fit score (docs/MATCHING.md): price 40, guarantee 20, eligibility margin 20, amount 10, term 10.</summary>
public sealed record FitBreakdown(int Price, int Guarantee, int EligibilityMargin, int Amount, int Term)
{
    public int Total => Price + Guarantee + EligibilityMargin + Amount + Term;
}

/// <summary>
/// The matching rules and the fit score, as pure functions of a product's terms, the request and the applicant. The engine
/// first narrows the published products in SQL on amount, term, guarantee type and rate (indexed columns) and then runs
/// every rule here; a product matches when every rule passes.
/// </summary>
public static class MatchRules
{
    public const decimal RateFloor = 3m;
    public const decimal RateCeiling = 12m;

    private static readonly ScoringModel Model = ScoringModel.Newest;

    public static IReadOnlyList<RuleCheck> Evaluate(ProductTerms product, LoanAsk ask, Applicant firm)
    {
        var checks = new List<RuleCheck>
        {
            new(
                "amount",
                ask.Amount >= product.MinAmount && ask.Amount <= product.MaxAmount,
                $"{Money(product.MinAmount)}–{Money(product.MaxAmount)}",
                Money(ask.Amount)
            ),
            new(
                "termMonths",
                ask.TermMonths >= product.MinTermMonths && ask.TermMonths <= product.MaxTermMonths,
                $"{product.MinTermMonths}–{product.MaxTermMonths}",
                Invariant(ask.TermMonths)
            ),
            new(
                "guaranteeType",
                product.GuaranteeTypes.Intersect(ask.GuaranteeTypes).Any(),
                $"one of {Names(product.GuaranteeTypes)}",
                Names(ask.GuaranteeTypes)
            ),
        };
        var minRate = EffectiveMinRate(product, firm);
        if (ask.MaxAnnualRate is { } maxRate)
            checks.Add(new("annualRate", minRate <= maxRate, $"at least {Rate(minRate)}", $"at most {Rate(maxRate)}"));
        if (product.ListTerms is { } listTerms && firm.IsOnAny(listTerms.Lists))
            checks.Add(
                new(
                    "listRateDiscount",
                    true,
                    $"{Rate(listTerms.RateDiscount)} off for firms on list {string.Join(" or ", listTerms.Lists)}",
                    $"on {string.Join(", ", listTerms.Lists.Where(firm.OnLists.Contains))}: rates from {Rate(minRate)}"
                )
            );
        if (product.DivisionPrefixes.Count > 0)
            checks.Add(Division(product.DivisionPrefixes, firm.DivisionCode));
        if (product.IndustryInclude.Count > 0)
            checks.Add(IndustryInclude(product.IndustryInclude, firm.IndustryCode));
        if (product.IndustryExclude.Count > 0)
            checks.Add(
                new(
                    "industryExclude",
                    !product.IndustryExclude.Any(p => firm.IndustryCode.StartsWith(p, StringComparison.Ordinal)),
                    $"does not start with {string.Join(" or ", product.IndustryExclude)}",
                    firm.IndustryCode
                )
            );

        var rules = product.Eligibility;
        if (rules.RequiredLists.Count > 0)
            checks.Add(Lists(rules.RequiredLists, firm.OnLists));
        if (rules.MinGrade is { } minGrade)
            checks.Add(MinGrade(minGrade, firm.Grade));
        if (rules.MinScore is { } minScore)
            checks.Add(
                new(
                    "minScore",
                    firm.Score >= minScore,
                    $"at least {Invariant(minScore)}",
                    firm.Score is { } s ? Invariant(s) : "unrated"
                )
            );
        if (rules.MinYearsInOperation is { } minYears)
            checks.Add(
                new(
                    "minYearsInOperation",
                    firm.YearsInOperation >= minYears,
                    $"at least {Invariant(minYears)}",
                    Invariant(Math.Round(firm.YearsInOperation, 1))
                )
            );
        if (rules.MinAnnualTaxPaid is { } minTax)
            checks.Add(
                new(
                    "minAnnualTaxPaid",
                    firm.TaxPaidLast12Months >= minTax,
                    $"at least {Money(minTax)}",
                    Money(firm.TaxPaidLast12Months)
                )
            );
        if (rules.MinInsuredEmployees is { } minEmployees)
            checks.Add(
                new(
                    "minInsuredEmployees",
                    firm.InsuredEmployeesLatest >= minEmployees,
                    $"at least {Invariant(minEmployees)}",
                    firm.InsuredEmployeesLatest is { } e ? Invariant(e) : "no data"
                )
            );
        if (rules.ExcludeDishonestDebtors)
            checks.Add(
                new(
                    "excludeDishonestDebtors",
                    !firm.DishonestDebtor,
                    "no open dishonest-debtor record",
                    firm.DishonestDebtor ? "an open dishonest-debtor record" : "none"
                )
            );
        if (rules.ExcludeSeriousPenaltiesMonths is { } months)
        {
            var since = firm.Today.AddMonths(-months);
            var passed = firm.LatestSeriousPenaltyOn is not { } latest || latest < since;
            checks.Add(
                new(
                    "excludeSeriousPenaltiesMonths",
                    passed,
                    $"no serious penalty since {since:yyyy-MM-dd}",
                    firm.LatestSeriousPenaltyOn is { } on ? $"serious penalty on {on:yyyy-MM-dd}" : "none"
                )
            );
        }
        return checks;
    }

    /// <summary>The firm's division starts with one of <paramref name="prefixes"/> (rule <c>division</c>).</summary>
    public static RuleCheck Division(IReadOnlyList<string> prefixes, string divisionCode) =>
        new(
            "division",
            prefixes.Any(p => divisionCode.StartsWith(p, StringComparison.Ordinal)),
            $"starts with {string.Join(" or ", prefixes)}",
            divisionCode
        );

    /// <summary>The firm's industry starts with one of <paramref name="prefixes"/> (rule <c>industryInclude</c>).</summary>
    public static RuleCheck IndustryInclude(IReadOnlyList<string> prefixes, string industryCode) =>
        new(
            "industryInclude",
            prefixes.Any(p => industryCode.StartsWith(p, StringComparison.Ordinal)),
            $"starts with {string.Join(" or ", prefixes)}",
            industryCode
        );

    /// <summary>The firm is on one of <paramref name="required"/>, of the valid lists it is on (rule <c>lists</c>).</summary>
    public static RuleCheck Lists(IReadOnlyList<Guid> required, IReadOnlyCollection<Guid> onLists)
    {
        var on = required.Where(onLists.Contains).ToList();
        return new(
            "lists",
            on.Count > 0,
            $"on list {string.Join(" or ", required)}",
            on.Count > 0 ? $"on {string.Join(", ", on)}" : "on none of them"
        );
    }

    /// <summary>The firm's grade is <paramref name="minGrade"/> or better (rule <c>minGrade</c>).</summary>
    public static RuleCheck MinGrade(string minGrade, string? grade) =>
        new(
            "minGrade",
            grade is not null && Model.IndexOf(grade) <= Model.IndexOf(minGrade),
            $"{minGrade} or better",
            grade ?? "unrated"
        );

    public static FitBreakdown Fit(ProductTerms product, LoanAsk ask, Applicant firm)
    {
        var price = Clamp((double)((RateCeiling - EffectiveMinRate(product, firm)) / (RateCeiling - RateFloor)));
        var guarantee =
            ask.GuaranteeTypes.Count == 0
                ? 0
                : (double)ask.GuaranteeTypes.Count(product.GuaranteeTypes.Contains) / ask.GuaranteeTypes.Count;
        var amount = Centrality(
            Math.Log((double)ask.Amount),
            Math.Log((double)product.MinAmount),
            Math.Log((double)product.MaxAmount)
        );
        var term = Centrality(ask.TermMonths, product.MinTermMonths, product.MaxTermMonths);
        return new FitBreakdown(
            Points(40, price),
            Points(20, guarantee),
            Points(20, EligibilityMargin(product.Eligibility, firm)),
            Points(10, amount),
            Points(10, term)
        );
    }

    /// <summary>The lowest rate the product offers this firm: its list price, less its list discount for a listed firm.</summary>
    public static decimal EffectiveMinRate(ProductTerms product, Applicant firm) =>
        product.ListTerms is { } listTerms && firm.IsOnAny(listTerms.Lists)
            ? product.MinAnnualRate - listTerms.RateDiscount
            : product.MinAnnualRate;

    /// <summary>
    /// How comfortably the firm clears the product's quantitative requirements: for each one set, the share by which the
    /// firm exceeds it (capped at double the requirement; a grade counts three notches above as full); their mean. A product
    /// that sets none knows nothing of the firm: 0.5.
    /// </summary>
    private static double EligibilityMargin(Eligibility rules, Applicant firm)
    {
        var margins = new List<double>();
        if (rules.MinGrade is { } minGrade && firm.Grade is { } grade)
            margins.Add(Clamp((Model.IndexOf(minGrade) - Model.IndexOf(grade)) / 3.0));
        if (rules.MinScore is > 0 and var minScore && firm.Score is { } score)
            margins.Add(Ratio(score, minScore));
        if (rules.MinYearsInOperation is > 0 and var minYears)
            margins.Add(Ratio(firm.YearsInOperation, minYears));
        if (rules.MinAnnualTaxPaid is > 0 and var minTax)
            margins.Add(Ratio((double)firm.TaxPaidLast12Months, (double)minTax));
        if (rules.MinInsuredEmployees is > 0 and var minEmployees && firm.InsuredEmployeesLatest is { } employees)
            margins.Add(Ratio(employees, minEmployees));
        return margins.Count == 0 ? 0.5 : margins.Average();
    }

    private static double Ratio(double actual, double required) => Clamp(actual / required - 1);

    /// <summary>1 in the middle of the range, falling to 0 at its ends; a range of one value fits fully.</summary>
    private static double Centrality(double value, double min, double max) =>
        max <= min ? 1 : Clamp(1 - Math.Abs(2 * (value - min) / (max - min) - 1));

    private static double Clamp(double value) => double.IsNaN(value) ? 0 : Math.Clamp(value, 0, 1);

    /// <summary>Whole points, halves up, written so that PostgreSQL's fit_points does exactly the same arithmetic.</summary>
    private static int Points(int weight, double share) => (int)Math.Floor(weight * share + 0.5);

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Names(IEnumerable<GuaranteeType> types) =>
        string.Join(", ", types.Select(t => Common.WireNames.Wire(t)));
}
