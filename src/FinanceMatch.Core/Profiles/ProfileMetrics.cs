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

    public bool HasAnyData =>
        TaxMonths > 0
        || SocialSecurityMonths > 0
        || UtilityMonths > 0
        || MinorPenaltiesLast36Months
            + GeneralPenaltiesLast36Months
            + SeriousPenaltiesLast36Months
            + OpenEnforcementCases
            + OpenDishonestDebtorRecords
            + LoanDefaultsLast60Months
            > 0;
}
