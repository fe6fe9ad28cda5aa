namespace FinanceMatch.Core.Profiles;

/// <summary>
/// What the platform knows about one firm, aggregated from its feed records over whole calendar months before the current
/// one (SQL computes these for many firms at once). Null means no data for that measure.
/// </summary>
public sealed record ProfileMetrics
{
    public string Uscc { get; init; } = "";
    public double? YearsInOperation { get; init; }
    public decimal? RegisteredCapital { get; init; }

    public int TaxMonths { get; init; }
    public int SocialSecurityMonths { get; init; }
    public int UtilityMonths { get; init; }

    public decimal? TaxPaidLast12Months { get; init; }
    public decimal? TaxableRevenueLast12Months { get; init; }

    /// <summary>Taxable revenue of the last 6 months over the 6 before them (1.0 = flat).</summary>
    public double? RevenueTrend { get; init; }
    public int? InsuredEmployeesLatest { get; init; }

    /// <summary>Insured employees in the latest month over 6 months before it.</summary>
    public double? InsuredEmployeesTrend { get; init; }

    /// <summary>Electricity consumption of the last 6 months over the 6 before them: a proxy of real production.</summary>
    public double? ElectricityTrend { get; init; }

    public decimal TaxArrears { get; init; }
    public decimal SocialSecurityArrears { get; init; }
    public decimal UtilityOverdue { get; init; }
    public int MinorPenaltiesLast36Months { get; init; }
    public int GeneralPenaltiesLast36Months { get; init; }
    public int SeriousPenaltiesLast36Months { get; init; }
    public int OpenEnforcementCases { get; init; }
    public int OpenDishonestDebtorRecords { get; init; }

    /// <summary>Loans on the platform its banks reported in default in the last 60 months (0 for a firm that never borrowed here).</summary>
    public int LoanDefaultsLast60Months { get; init; }

    public int HousingFundMonths { get; init; }

    /// <summary>Employees the firm paid into the housing provident fund for in the latest reported month.</summary>
    public int? HousingFundContributorsLatest { get; init; }
    public decimal HousingFundArrears { get; init; }

    /// <summary>Valid patents and trademarks, weighted invention 3, utility model and design 1, trademark 0.5.</summary>
    public double ValidIntellectualProperty { get; init; }

    /// <summary>Honours in force other than the A-level taxpayer one, weighted national 4 … district 1.</summary>
    public int HonourPoints { get; init; }

    /// <summary>The latest tax credit rating is A, or an A-level taxpayer honour is in force.</summary>
    public bool ALevelTaxpayer { get; init; }

    /// <summary>The latest tax credit rating: 1 for C, 2 for D, else 0.</summary>
    public int PoorTaxCreditRating { get; init; }

    /// <summary>Seizures of the firm's real estate not released.</summary>
    public int OpenSeizures { get; init; }

    /// <summary>The market regulator's status: active, abnormal, revoked, deregistered; null when it has not reported the firm.</summary>
    public string? RegistrationStatus { get; init; }
    public int OpenAbnormalListings { get; init; }
    public int OpenSeriousViolationListings { get; init; }

    /// <summary>The regulator's warnings: an abnormal, revoked or deregistered status 1, each abnormal-operation listing 1, each serious-violation listing 2.</summary>
    public int RegistrationWarnings =>
        (RegistrationStatus is "abnormal" or "revoked" or "deregistered" ? 1 : 0)
        + OpenAbnormalListings
        + 2 * OpenSeriousViolationListings;

    /// <summary>Whether the regulator reports the firm abnormal, revoked or deregistered, or lists it: a profile flag and an alert.</summary>
    public bool RegistrationAbnormal => RegistrationWarnings > 0;

    public bool HasAnyData =>
        TaxMonths > 0
        || SocialSecurityMonths > 0
        || UtilityMonths > 0
        || HousingFundMonths > 0
        || OpenSeizures > 0
        || RegistrationAbnormal
        || MinorPenaltiesLast36Months
            + GeneralPenaltiesLast36Months
            + SeriousPenaltiesLast36Months
            + OpenEnforcementCases
            + OpenDishonestDebtorRecords
            + LoanDefaultsLast60Months
            > 0;
}
