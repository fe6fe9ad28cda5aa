namespace FinanceMatch.Core.Profiles;

/// <summary>
/// What a firm asks the simulator: its metrics as they would be with more tax paid, more insured employees, or its arrears
/// cleared. Unset values stay as they are. The scorecard is public and monotone, so scoring the changed metrics with the
/// same model is exactly what the next rebuild would give with such data.
/// </summary>
public sealed record WhatIfChanges(
    decimal? TaxPaidLast12Months = null,
    decimal? TaxableRevenueLast12Months = null,
    int? InsuredEmployeesLatest = null,
    bool ClearArrears = false
)
{
    public ProfileMetrics Apply(ProfileMetrics metrics) =>
        metrics with
        {
            TaxPaidLast12Months = TaxPaidLast12Months ?? metrics.TaxPaidLast12Months,
            TaxableRevenueLast12Months = TaxableRevenueLast12Months ?? metrics.TaxableRevenueLast12Months,
            InsuredEmployeesLatest = InsuredEmployeesLatest ?? metrics.InsuredEmployeesLatest,
            TaxArrears = ClearArrears ? 0 : metrics.TaxArrears,
            SocialSecurityArrears = ClearArrears ? 0 : metrics.SocialSecurityArrears,
            UtilityOverdue = ClearArrears ? 0 : metrics.UtilityOverdue,
        };
}
