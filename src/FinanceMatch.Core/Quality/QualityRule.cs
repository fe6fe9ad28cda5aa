using FinanceMatch.Core.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Quality;

/// <summary>
/// A data-quality rule, as data: the records of <see cref="FeedType"/> (aliased <c>r</c>) that fail it are those for
/// which <see cref="Condition"/> holds. The condition may read the firm's other feeds (cross-source rules) and its
/// registration; <c>$1</c> is today. <see cref="Detail"/> is an SQL text expression saying what is wrong with the record.
/// A failing record is a finding for the department that supplied it; nothing is rejected or changed (the department
/// decides whether to correct it). A detail never quotes another department's values (a cross-source finding says only
/// that another department's record of the firm contradicts it; the registration's dates and status are public).
/// </summary>
public sealed record QualityRule(string Code, FeedType FeedType, string Description, string Condition, string Detail);

/// <summary>
/// The rules the platform runs after every batch (for the firms it touched) and nightly (for all). Zhejiang runs 3,718;
/// these are the first, chosen because each catches a mistake seen in real feeds: a unit of ten thousand yuan typed as
/// yuan, a month shifted, a firm's records filed under another's USCC, a record that contradicts another department's.
/// Every rule has a test case that fails without it (<c>QualityRuleTests</c>).
/// </summary>
public static class QualityRules
{
    private static string EstablishedAfter(string dateSql) =>
        $"EXISTS (SELECT 1 FROM financematch.registration_records g WHERE g.uscc = r.uscc AND g.entry_id = '' AND g.established_on > {dateSql})";

    public static readonly IReadOnlyList<QualityRule> All =
    [
        // tax
        new(
            "tax.revenueWithoutTax",
            FeedType.Tax,
            "A month with taxable revenue of 1 million yuan or more and no tax paid at all",
            "r.taxable_revenue >= 1000000 AND r.tax_paid = 0",
            "'taxable revenue ' || r.taxable_revenue || ' with no tax paid'"
        ),
        new(
            "tax.taxAboveRevenue",
            FeedType.Tax,
            "Tax paid in a month above half the month's taxable revenue (a unit or column mix-up)",
            "r.taxable_revenue > 0 AND r.tax_paid > r.taxable_revenue / 2",
            "'tax paid ' || r.tax_paid || ' against taxable revenue ' || r.taxable_revenue"
        ),
        new(
            "tax.beforeEstablishment",
            FeedType.Tax,
            "A tax month before the month the market regulator says the firm was established",
            EstablishedAfter("(r.period + interval '1 month' - interval '1 day')::date"),
            "'the market regulator has the firm established after ' || to_char(r.period, 'YYYY-MM')"
        ),
        new(
            "tax.revenueWithoutElectricity",
            FeedType.Tax,
            "Cross-source: taxable revenue of 500,000 yuan or more in a month the power company billed the firm for no electricity at all",
            "r.taxable_revenue >= 500000 AND EXISTS (SELECT 1 FROM financematch.utility_records u WHERE u.uscc = r.uscc AND u.period = r.period AND u.kind = 'electricity' AND u.consumption = 0)",
            "'taxable revenue ' || r.taxable_revenue || ' contradicts another department''s record of the firm for the month'"
        ),
        new(
            "tax.activeAfterDeregistration",
            FeedType.Tax,
            "Cross-source: revenue reported for the last three whole months of a firm the market regulator reports deregistered",
            "r.taxable_revenue > 0 AND r.period >= (date_trunc('month', $1::date) - interval '3 months')::date AND EXISTS (SELECT 1 FROM financematch.registration_records g WHERE g.uscc = r.uscc AND g.entry_id = '' AND g.status = 'deregistered')",
            "'revenue reported for ' || to_char(r.period, 'YYYY-MM') || ' by a firm the market regulator reports deregistered'"
        ),
        // social security
        new(
            "socialSecurity.contributionWithoutEmployees",
            FeedType.SocialSecurity,
            "Contributions paid in a month with no insured employee",
            "r.insured_employees = 0 AND r.contribution_paid > 0",
            "'contribution ' || r.contribution_paid || ' paid for no insured employee'"
        ),
        new(
            "socialSecurity.employeesWithoutContribution",
            FeedType.SocialSecurity,
            "Insured employees with neither a contribution paid nor arrears",
            "r.insured_employees > 0 AND r.contribution_paid = 0 AND r.arrears = 0",
            "r.insured_employees || ' insured employees, nothing paid and nothing owed'"
        ),
        new(
            "socialSecurity.contributionPerEmployee",
            FeedType.SocialSecurity,
            "More than 20,000 yuan of contributions per insured employee in a month (a unit mix-up)",
            "r.insured_employees > 0 AND r.contribution_paid / r.insured_employees > 20000",
            "round(r.contribution_paid / r.insured_employees) || ' yuan per insured employee'"
        ),
        new(
            "socialSecurity.beforeEstablishment",
            FeedType.SocialSecurity,
            "A social-security month before the month the market regulator says the firm was established",
            EstablishedAfter("(r.period + interval '1 month' - interval '1 day')::date"),
            "'the market regulator has the firm established after ' || to_char(r.period, 'YYYY-MM')"
        ),
        // housing fund
        new(
            "housingFund.contributorsAboveInsured",
            FeedType.HousingFund,
            "Cross-source: more housing-fund contributors than insured employees in the same month",
            "EXISTS (SELECT 1 FROM financematch.social_security_records s WHERE s.uscc = r.uscc AND s.period = r.period AND r.contributing_employees > s.insured_employees)",
            "r.contributing_employees || ' contributors contradict another department''s record of the firm for the month'"
        ),
        new(
            "housingFund.paidWithoutContributors",
            FeedType.HousingFund,
            "An amount paid into the fund in a month with no contributing employee",
            "r.contributing_employees = 0 AND r.amount_paid > 0",
            "'amount ' || r.amount_paid || ' paid for no contributor'"
        ),
        new(
            "housingFund.amountPerContributor",
            FeedType.HousingFund,
            "More than 10,000 yuan paid per contributor in a month (a unit mix-up)",
            "r.contributing_employees > 0 AND r.amount_paid / r.contributing_employees > 10000",
            "round(r.amount_paid / r.contributing_employees) || ' yuan per contributor'"
        ),
        // utility
        new(
            "utility.overdueAboveTwoYearsOfBills",
            FeedType.Utility,
            "An amount overdue above 24 times the month's bill",
            "r.amount_billed > 0 AND r.amount_overdue > 24 * r.amount_billed",
            "'overdue ' || r.amount_overdue || ' against a bill of ' || r.amount_billed"
        ),
        new(
            "utility.billWithoutConsumption",
            FeedType.Utility,
            "A bill of 10,000 yuan or more for no consumption",
            "r.consumption = 0 AND r.amount_billed >= 10000",
            "'billed ' || r.amount_billed || ' for no ' || r.kind"
        ),
        // penalty
        new(
            "penalty.beforeEstablishment",
            FeedType.Penalty,
            "A penalty decided before the market regulator says the firm was established",
            EstablishedAfter("r.decided_on"),
            "'decided on ' || r.decided_on || ', before the firm was established'"
        ),
        new(
            "penalty.publicityEndsBeforeDecision",
            FeedType.Penalty,
            "A publicity end before the decision it ends",
            "r.publicity_ends_on < r.decided_on",
            "'publicity ends ' || r.publicity_ends_on || ', before the decision of ' || r.decided_on"
        ),
        // judicial
        new(
            "judicial.beforeEstablishment",
            FeedType.Judicial,
            "A court case filed before the market regulator says the firm was established",
            EstablishedAfter("r.filed_on"),
            "'filed on ' || r.filed_on || ', before the firm was established'"
        ),
        new(
            "judicial.openEnforcementOfZero",
            FeedType.Judicial,
            "An open enforcement case for no amount",
            "r.kind = 'enforcement' AND r.closed_on IS NULL AND r.amount = 0",
            "'open enforcement case for 0 yuan'"
        ),
        // intellectual property
        new(
            "intellectualProperty.validPastItsTerm",
            FeedType.IntellectualProperty,
            "A patent still valid past its legal term (invention 20 years, utility model 10, design 15)",
            "r.status = 'valid' AND r.kind <> 'trademark' AND r.granted_on < ($1::date - make_interval(years => CASE r.kind WHEN 'invention' THEN 20 WHEN 'design' THEN 15 ELSE 10 END))::date",
            "'a ' || r.kind || ' granted on ' || r.granted_on || ' cannot still be valid'"
        ),
        // real estate
        new(
            "realEstate.mortgageOfZero",
            FeedType.RealEstate,
            "A mortgage registered for no amount",
            "r.kind = 'mortgage' AND r.amount = 0",
            "'mortgage of 0 yuan'"
        ),
        new(
            "realEstate.seizureOfDeregisteredFirm",
            FeedType.RealEstate,
            "Cross-source: an open seizure of the real estate of a firm the market regulator reports deregistered",
            "r.kind = 'seizure' AND r.released_on IS NULL AND EXISTS (SELECT 1 FROM financematch.registration_records g WHERE g.uscc = r.uscc AND g.entry_id = '' AND g.status = 'deregistered')",
            "'an open seizure on a firm the market regulator reports deregistered'"
        ),
        // honour
        new(
            "honour.aLevelWithPoorRating",
            FeedType.Honour,
            "Cross-source: an A-level taxpayer honour in force while the tax service's latest rating is C or D",
            "r.kind = 'aLevelTaxpayer' AND (r.valid_until IS NULL OR r.valid_until >= $1) AND (SELECT t.tax_credit_rating FROM financematch.tax_records t WHERE t.uscc = r.uscc AND t.tax_credit_rating IS NOT NULL ORDER BY t.period DESC LIMIT 1) IN ('C', 'D')",
            "'an A-level taxpayer honour in force that another department''s record of the firm contradicts'"
        ),
        new(
            "honour.validForOverFiveYears",
            FeedType.Honour,
            "An honour valid for more than five years from its grant (designations are reviewed at least every three)",
            "r.valid_until > (r.granted_on + interval '5 years')::date",
            "'valid until ' || r.valid_until || ', more than five years after ' || r.granted_on"
        ),
        // registration
        new(
            "registration.zeroCapital",
            FeedType.Registration,
            "A registration with no registered capital",
            "r.entry_id = '' AND r.registered_capital = 0",
            "'registered capital 0'"
        ),
        new(
            "registration.listingWithoutRegistration",
            FeedType.Registration,
            "A listing of a firm the market regulator has sent no registration for",
            "r.entry_id <> '' AND NOT EXISTS (SELECT 1 FROM financematch.registration_records g WHERE g.uscc = r.uscc AND g.entry_id = '')",
            "'listing ' || r.entry_id || ' of a firm with no registration record'"
        ),
        new(
            "registration.activeButListed",
            FeedType.Registration,
            "A registration whose status is active while the firm has an open serious-violation listing",
            "r.entry_id = '' AND r.status = 'active' AND EXISTS (SELECT 1 FROM financematch.registration_records g WHERE g.uscc = r.uscc AND g.record = 'seriousViolation' AND g.removed_on IS NULL)",
            "'status active while listed for serious violations'"
        ),
    ];

    public static QualityRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);
}

/// <summary>A record that fails a rule, found by the last check of its firm; gone when the record no longer fails.</summary>
public sealed class QualityFinding
{
    public string Rule { get; set; } = null!;
    public FeedType FeedType { get; set; }
    public Guid DepartmentId { get; set; }
    public string Uscc { get; set; } = null!;
    public string RecordKey { get; set; } = null!;
    public string Detail { get; set; } = null!;
    public DateTimeOffset FoundAt { get; set; }
}

internal sealed class QualityFindingConfiguration : IEntityTypeConfiguration<QualityFinding>
{
    public void Configure(EntityTypeBuilder<QualityFinding> builder)
    {
        builder.HasKey(f => new
        {
            f.Rule,
            f.Uscc,
            f.RecordKey,
        });
        builder.Property(f => f.Rule).HasMaxLength(64);
        builder.Property(f => f.FeedType).HasConversion<string>().HasMaxLength(32);
        builder.Property(f => f.Uscc).HasMaxLength(18).IsFixedLength();
        builder.Property(f => f.RecordKey).HasMaxLength(100);
        builder.Property(f => f.Detail).HasMaxLength(500);
        builder.HasIndex(f => new { f.DepartmentId, f.Rule });
        builder.HasIndex(f => f.Uscc);
    }
}
