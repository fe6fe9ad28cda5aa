using FinanceMatch.Core.Feeds;

namespace FinanceMatch.Core.Profiles;

/// <summary>
/// Which feed each factor of the scoring model is computed from (the registration's own facts and the banks' loan reports come from no feed). While
/// a firm disputes a record of a feed, every factor computed from that feed shows as disputed wherever the profile is
/// shown; a unit test holds this table to the model's factors.
/// </summary>
public static class FactorSources
{
    private static readonly Dictionary<string, FeedType?> Sources = new()
    {
        ["yearsInOperation"] = FeedType.Registration,
        ["registeredCapital"] = FeedType.Registration,
        ["taxPaidLast12Months"] = FeedType.Tax,
        ["taxableRevenueLast12Months"] = FeedType.Tax,
        ["revenueTrend"] = FeedType.Tax,
        ["taxArrears"] = FeedType.Tax,
        ["insuredEmployeesLatest"] = FeedType.SocialSecurity,
        ["insuredEmployeesTrend"] = FeedType.SocialSecurity,
        ["socialSecurityArrears"] = FeedType.SocialSecurity,
        ["electricityTrend"] = FeedType.Utility,
        ["utilityOverdue"] = FeedType.Utility,
        ["penaltiesLast36Months"] = FeedType.Penalty,
        ["openEnforcementCases"] = FeedType.Judicial,
        ["dishonestDebtor"] = FeedType.Judicial,
        ["loanDefaultsLast60Months"] = null,
        ["housingFundContributorsLatest"] = FeedType.HousingFund,
        ["housingFundArrears"] = FeedType.HousingFund,
        ["intellectualProperty"] = FeedType.IntellectualProperty,
        ["honours"] = FeedType.Honour,
        ["aLevelTaxpayer"] = FeedType.Honour,
        ["poorTaxCreditRating"] = FeedType.Tax,
        ["openSeizures"] = FeedType.RealEstate,
        ["registrationWarnings"] = FeedType.Registration,
    };

    public static IReadOnlyCollection<string> Codes => Sources.Keys;

    /// <summary>The feed a factor is computed from, or null for the registration's facts; unknown codes are null too.</summary>
    public static FeedType? SourceOf(string factorCode) => Sources.GetValueOrDefault(factorCode);
}
