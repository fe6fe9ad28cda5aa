using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;
using FinanceMatch.Core.Profiles;
using Npgsql;
using NpgsqlTypes;

namespace FinanceMatch.Api.Features.Matching;

/// <summary>
/// The matching engine's one query: every rule of <see cref="MatchRules"/> as a comparison with the applicant's values,
/// the fit score of each product that passes (with the fit_* SQL functions, one for one with <see cref="MatchRules.Fit"/>),
/// and each bank's best product by fit, then price, then age, then id. At most one row per bank comes back however broad
/// the catalogue, and <see cref="MatchRules"/> then checks those rows again as the authority that explains them. The
/// matching benchmark runs this same text through pgbench as its floor.
/// </summary>
public static class BestProductOfEachBankQuery
{
    public static readonly string Text = Infrastructure.Sql.WithOptionalLines(
        "Matching.BestProductOfEachBank",
        "ask",
        "bestOfEachBank"
    );

    /// <summary>A page of every product the firm passes, with its fit, for the loan asked for (<c>?eligibleFor=me</c>).</summary>
    public static readonly string EveryProductForAsk = Infrastructure.Sql.WithOptionalLines(
        "Matching.BestProductOfEachBank",
        "ask",
        "everyProduct"
    );

    /// <summary>The same, on the firm's own rules only (no loan asked for): fit is price and eligibility margin.</summary>
    public static readonly string EveryProductForFirm = Infrastructure.Sql.WithOptionalLines(
        "Matching.BestProductOfEachBank",
        "everyProduct"
    );

    public static NpgsqlParameter[] Parameters(LoanAsk ask, Applicant firm) =>
        [
            new("amount", NpgsqlDbType.Numeric) { Value = ask.Amount },
            new("log_amount", NpgsqlDbType.Double) { Value = Math.Log((double)ask.Amount) },
            new("term_months", NpgsqlDbType.Integer) { Value = ask.TermMonths },
            new("guarantee_mask", NpgsqlDbType.Integer) { Value = GuaranteeMask.Of(ask.GuaranteeTypes) },
            new("guarantee_count", NpgsqlDbType.Integer) { Value = ask.GuaranteeTypes.Distinct().Count() },
            new("max_annual_rate", NpgsqlDbType.Numeric) { Value = (object?)ask.MaxAnnualRate ?? DBNull.Value },
            .. FirmParameters(firm),
        ];

    /// <summary>The applicant's values the firm's own rules compare with.</summary>
    public static NpgsqlParameter[] FirmParameters(Applicant firm)
    {
        var grades = ScoringModel.Newest.Grades.Select(g => g.Grade).ToArray();
        return
        [
            new("division_prefixes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Prefixes(firm.DivisionCode) },
            new("industry_prefixes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = Prefixes(firm.IndustryCode) },
            new("grades", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = grades },
            new("grade_position", NpgsqlDbType.Integer)
            {
                Value = firm.Grade is null ? DBNull.Value : Array.IndexOf(grades, firm.Grade) + 1,
            },
            new("score", NpgsqlDbType.Integer) { Value = (object?)firm.Score ?? DBNull.Value },
            new("years_in_operation", NpgsqlDbType.Double) { Value = firm.YearsInOperation },
            new("tax_paid", NpgsqlDbType.Numeric) { Value = firm.TaxPaidLast12Months },
            new("tax_paid_double", NpgsqlDbType.Double) { Value = (double)firm.TaxPaidLast12Months },
            new("insured_employees", NpgsqlDbType.Integer)
            {
                Value = (object?)firm.InsuredEmployeesLatest ?? DBNull.Value,
            },
            new("dishonest_debtor", NpgsqlDbType.Boolean) { Value = firm.DishonestDebtor },
            new("penalty_months_passed", NpgsqlDbType.Integer) { Value = LongestPenaltyWindowPassed(firm) },
            new("lists", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = firm.OnLists.ToArray() },
        ];
    }

    /// <summary>Every prefix of a code ("C39" → C, C3, C39): a product's prefix list overlaps it when the code starts with one.</summary>
    public static string[] Prefixes(string code) => Enumerable.Range(1, code.Length).Select(n => code[..n]).ToArray();

    /// <summary>The longest serious-penalty window (in months, up to 1,200) that the firm's latest serious penalty falls outside.</summary>
    public static int LongestPenaltyWindowPassed(Applicant firm)
    {
        if (firm.LatestSeriousPenaltyOn is not { } latest)
            return int.MaxValue;
        var months = 0;
        while (months < 1200 && latest < firm.Today.AddMonths(-(months + 1)))
            months++;
        return months;
    }
}
