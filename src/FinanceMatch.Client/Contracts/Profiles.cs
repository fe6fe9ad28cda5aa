namespace FinanceMatch.Client.Contracts;

/// <summary>The scoring model: grade bands and weighted dimensions of factors.</summary>
/// <remarks>
/// InForce: whether the platform scores with this version now. Summary: what the version changed. Caps: the grade caps.
/// Versions: every version the platform can show (<c>?version=</c>), oldest first.
/// </remarks>
/// <param name="Version">The model version shown, such as <c>2027.1</c>.</param>
/// <param name="Grades">The grade bands, best grade first: AAA, AA, A, BBB, BB, B, C.</param>
/// <param name="Dimensions">The dimensions the score is built from, with their weights and factors.</param>
/// <param name="InForce">True when the platform scores with this version now.</param>
/// <param name="Summary">What this version changed against the version before it, in plain words.</param>
/// <param name="Caps">
/// The grade caps of this version: conditions that hold the grade down whatever the points; empty when it has none.
/// </param>
/// <param name="Versions">Every version the platform can show with <c>?version=</c>, oldest first.</param>
public sealed record ScoringModelDto(
    string Version,
    IReadOnlyList<GradeBandDto> Grades,
    IReadOnlyList<DimensionDto> Dimensions,
    bool InForce = false,
    string Summary = "",
    IReadOnlyList<GradeCapDto>? Caps = null,
    IReadOnlyList<string>? Versions = null
);

/// <summary>The lowest score of a grade.</summary>
/// <param name="Grade">The grade: AAA, AA, A, BBB, BB, B or C (AAA best).</param>
/// <param name="MinScore">The lowest score (0 to 1000) that earns this grade.</param>
public sealed record GradeBandDto(string Grade, int MinScore);

/// <summary>A dimension of the model and its factors.</summary>
/// <param name="Code">
/// The dimension code: <c>basic</c>, <c>operating</c>, <c>enhancing</c> (2027.1 on) or <c>compliance</c>.
/// </param>
/// <param name="Description">What the dimension measures, in plain words.</param>
/// <param name="Weight">
/// The dimension's share of the score, a fraction from 0 to 1; the weights of a version's dimensions add up to 1.
/// </param>
/// <param name="Factors">The factors of the dimension, with their weights and bands.</param>
public sealed record DimensionDto(string Code, string Description, double Weight, IReadOnlyList<FactorDto> Factors);

/// <summary>A factor, its weight within its dimension, and its bands: values at or above each threshold score the next band.</summary>
/// <param name="Code">The factor code, as in a profile's factors (for example <c>taxPaidLast12Months</c>).</param>
/// <param name="Description">What the factor measures and in what unit (amounts in yuan, CNY).</param>
/// <param name="Weight">
/// The factor's share of its dimension, a fraction from 0 to 1; the weights within a dimension add up to 1.
/// </param>
/// <param name="Direction">
/// <c>favourable</c> (more is better), <c>unfavourable</c> (more is worse), <c>enhancing</c> (can only raise the score)
/// or <c>warning</c> (can only lower it).
/// </param>
/// <param name="Thresholds">
/// The band boundaries, ascending, in the factor's unit: a value at or above a threshold falls in the next band.
/// </param>
/// <param name="BandScores">
/// The score of each band, from 0 to 1, lowest values first; one more entry than <c>thresholds</c>. A factor without
/// data scores 0.5.
/// </param>
public sealed record FactorDto(
    string Code,
    string Description,
    double Weight,
    string Direction,
    IReadOnlyList<double> Thresholds,
    IReadOnlyList<double> BandScores
);

/// <summary>A firm's credit profile: score, grade and why.</summary>
/// <remarks>
/// Caps: the grade caps that applied (<c>dishonestDebtor</c>, <c>seriousViolation</c>, <c>revokedOrDeregistered</c>,
/// <c>abnormalOperation</c>, <c>seizure</c>; see the scoring model), empty when the points alone made the grade.
/// </remarks>
/// <param name="EnterpriseId">The firm's id (a UUID).</param>
/// <param name="Uscc">The firm's unified social credit code (18 characters).</param>
/// <param name="Rated">False when there is no data to rate the firm on; its score and grade are then null.</param>
/// <param name="Score">The credit score, 0 to 1000 (higher is better); null when not rated.</param>
/// <param name="Grade">
/// The grade: AAA, AA, A, BBB, BB, B or C (AAA best), after any grade cap; null when not rated.
/// </param>
/// <param name="ModelVersion">The scoring model version that computed the profile, such as <c>2027.1</c>.</param>
/// <param name="ComputedAt">When the profile was last rebuilt (ISO 8601, UTC).</param>
/// <param name="DataCoverage">How many months of tax, social-security and utility data the profile rests on.</param>
/// <param name="Dimensions">Each dimension's score and weight.</param>
/// <param name="Factors">Each factor of the model version: its value and its impact on the score in points.</param>
/// <param name="Flags">Warning flags raised by the firm's records.</param>
/// <param name="Metrics">The aggregates of the firm's records that the score is computed from.</param>
/// <param name="Caps">The codes of the grade caps that applied; empty when the points alone made the grade.</param>
public sealed record ProfileDto(
    Guid EnterpriseId,
    string Uscc,
    bool Rated,
    int? Score,
    string? Grade,
    string ModelVersion,
    DateTimeOffset ComputedAt,
    DataCoverageDto DataCoverage,
    IReadOnlyList<ProfileDimensionDto> Dimensions,
    IReadOnlyList<ProfileFactorDto> Factors,
    ProfileFlagsDto Flags,
    ProfileMetricsDto Metrics,
    IReadOnlyList<string>? Caps = null
);

/// <summary>Months with data among the last 24 whole months.</summary>
/// <param name="TaxMonths">Months with a tax record among the last 24 whole calendar months (0 to 24).</param>
/// <param name="SocialSecurityMonths">
/// Months with a social-security record among the last 24 whole calendar months (0 to 24).
/// </param>
/// <param name="UtilityMonths">
/// Months with at least one utility record among the last 24 whole calendar months (0 to 24).
/// </param>
public sealed record DataCoverageDto(int TaxMonths, int SocialSecurityMonths, int UtilityMonths);

/// <summary>A dimension's score (0–1000) and weight.</summary>
/// <param name="Code">The dimension code, as in the scoring model.</param>
/// <param name="Score">The dimension's own score, 0 to 1000.</param>
/// <param name="Weight">The dimension's share of the overall score, a fraction from 0 to 1.</param>
public sealed record ProfileDimensionDto(string Code, int Score, double Weight);

/// <summary>A factor's value (null: no data, scored neutral) and its impact in points against the neutral middle (500).</summary>
/// <remarks>
/// <c>disputed</c> is true while the firm has an open objection to a record of the feed this factor is computed from:
/// the value may change when the objection is resolved.
/// </remarks>
/// <param name="Code">The factor code, as in the scoring model.</param>
/// <param name="Value">
/// The firm's value for the factor in the unit the model describes (amounts in yuan), rounded to 4 decimals; null
/// without data.
/// </param>
/// <param name="Impact">
/// Signed points the factor adds to or takes from the neutral 500; the score is 500 plus the impacts, give or take
/// rounding.
/// </param>
/// <param name="Disputed">
/// True while the firm has an open objection to a record of the feed this factor is computed from.
/// </param>
public sealed record ProfileFactorDto(string Code, double? Value, int Impact, bool Disputed = false);

/// <summary>Warning flags.</summary>
/// <param name="DishonestDebtor">True when the firm has an open listing as a dishonest judgment debtor.</param>
/// <param name="SeriousPenaltyLast36Months">
/// True when a serious penalty decided in the last 36 months still counts (publicised, not revoked or repaired).
/// </param>
/// <param name="TaxArrears">True when the latest reported tax month shows arrears.</param>
/// <param name="SocialSecurityArrears">True when the latest reported social-security month shows arrears.</param>
/// <param name="UtilityOverdue">True when the latest reported utility month shows an overdue amount.</param>
/// <param name="RegistrationAbnormal">
/// True when the market regulator reports the firm abnormal, revoked or deregistered, or lists it.
/// </param>
/// <param name="OpenSeizure">True when real estate of the firm is seized and not yet released.</param>
public sealed record ProfileFlagsDto(
    bool DishonestDebtor,
    bool SeriousPenaltyLast36Months,
    bool TaxArrears,
    bool SocialSecurityArrears,
    bool UtilityOverdue,
    bool RegistrationAbnormal = false,
    bool OpenSeizure = false
);

/// <summary>The aggregates the score is computed from.</summary>
/// <param name="YearsInOperation">
/// Years since the firm was established (the market regulator's date when reported, else the firm's own), with
/// decimals.
/// </param>
/// <param name="RegisteredCapital">
/// Registered capital in yuan (the market regulator's figure when reported, else the firm's own).
/// </param>
/// <param name="TaxPaidLast12Months">
/// Tax paid over the last 12 whole months, in yuan; null without tax data in those months.
/// </param>
/// <param name="TaxableRevenueLast12Months">
/// Taxable revenue over the last 12 whole months, in yuan; null without tax data in those months.
/// </param>
/// <param name="RevenueTrend">
/// Taxable revenue of the last 6 whole months divided by the 6 before them (1 is flat); null when either half lacks
/// data or the earlier is 0.
/// </param>
/// <param name="InsuredEmployeesLatest">
/// Employees insured in the latest reported month of the last 24; null without social-security data.
/// </param>
/// <param name="InsuredEmployeesTrend">
/// Insured employees in the latest reported month divided by those 6 months earlier (1 is flat); null when the earlier
/// month is missing or 0.
/// </param>
/// <param name="ElectricityTrend">
/// Electricity used in the last 6 whole months divided by the 6 before them (1 is flat); null when either half lacks
/// data or the earlier is 0.
/// </param>
/// <param name="TaxArrears">Tax arrears in the latest reported month, in yuan; 0 when none or no data.</param>
/// <param name="SocialSecurityArrears">
/// Social-security arrears in the latest reported month, in yuan; 0 when none or no data.
/// </param>
/// <param name="UtilityOverdue">
/// Water, power and gas bills overdue in the latest reported month, in yuan; 0 when none or no data.
/// </param>
/// <param name="MinorPenaltiesLast36Months">
/// Minor penalties decided in the last 36 months that still count (publicised, not revoked or repaired).
/// </param>
/// <param name="GeneralPenaltiesLast36Months">
/// General penalties decided in the last 36 months that still count (publicised, not revoked or repaired).
/// </param>
/// <param name="SeriousPenaltiesLast36Months">
/// Serious penalties decided in the last 36 months that still count (publicised, not revoked or repaired).
/// </param>
/// <param name="OpenEnforcementCases">Court enforcement cases still open, filed in the last five years.</param>
/// <param name="OpenDishonestDebtorRecords">
/// Listings as a dishonest judgment debtor still open, filed in the last five years.
/// </param>
/// <param name="LoanDefaultsLast60Months">
/// Loans made through the platform that their banks reported in default in the last 60 months.
/// </param>
/// <param name="HousingFundMonths">
/// Months with a housing provident fund record among the last 24 whole calendar months (0 to 24).
/// </param>
/// <param name="HousingFundContributorsLatest">
/// Employees the firm paid into the housing provident fund for in the latest reported month; null without data.
/// </param>
/// <param name="HousingFundArrears">
/// Housing provident fund arrears in the latest reported month, in yuan; 0 when none or no data.
/// </param>
/// <param name="ValidIntellectualProperty">
/// Valid patents and trademarks, weighted: invention 3, utility model or design 1, trademark 0.5.
/// </param>
/// <param name="HonourPoints">
/// Honours in force other than the A-level taxpayer one, weighted: national 4, provincial 3, municipal 2, district 1.
/// </param>
/// <param name="ALevelTaxpayer">
/// True when the latest tax credit rating is A or an A-level taxpayer honour is in force.
/// </param>
/// <param name="PoorTaxCreditRating">The latest tax credit rating as a warning: 1 for C, 2 for D, else 0.</param>
/// <param name="OpenSeizures">Seizures of the firm's real estate not yet released.</param>
/// <param name="RegistrationStatus">
/// The market regulator's status of the firm: <c>active</c>, <c>abnormal</c>, <c>revoked</c> or <c>deregistered</c>;
/// null when the regulator has not reported it.
/// </param>
/// <param name="OpenAbnormalListings">
/// The market regulator's abnormal-operation listings of the firm not yet removed.
/// </param>
/// <param name="OpenSeriousViolationListings">
/// The market regulator's serious-violation listings of the firm not yet removed.
/// </param>
/// <param name="RegistrationWarnings">
/// The regulator's warnings, weighted: an abnormal, revoked or deregistered status 1, each abnormal-operation listing
/// 1, each serious-violation listing 2.
/// </param>
public sealed record ProfileMetricsDto(
    double? YearsInOperation,
    decimal? RegisteredCapital,
    decimal? TaxPaidLast12Months,
    decimal? TaxableRevenueLast12Months,
    double? RevenueTrend,
    int? InsuredEmployeesLatest,
    double? InsuredEmployeesTrend,
    double? ElectricityTrend,
    decimal TaxArrears,
    decimal SocialSecurityArrears,
    decimal UtilityOverdue,
    int MinorPenaltiesLast36Months,
    int GeneralPenaltiesLast36Months,
    int SeriousPenaltiesLast36Months,
    int OpenEnforcementCases,
    int OpenDishonestDebtorRecords,
    int LoanDefaultsLast60Months = 0,
    int HousingFundMonths = 0,
    int? HousingFundContributorsLatest = null,
    decimal HousingFundArrears = 0,
    double ValidIntellectualProperty = 0,
    int HonourPoints = 0,
    bool ALevelTaxpayer = false,
    int PoorTaxCreditRating = 0,
    int OpenSeizures = 0,
    string? RegistrationStatus = null,
    int OpenAbnormalListings = 0,
    int OpenSeriousViolationListings = 0,
    int RegistrationWarnings = 0
);

/// <summary>A past score and grade, kept whenever either changed.</summary>
/// <param name="ComputedAt">When the rebuild that produced this score ran (ISO 8601, UTC).</param>
/// <param name="Score">The score then, 0 to 1000; null when the firm was not rated.</param>
/// <param name="Grade">The grade then (AAA to C); null when the firm was not rated.</param>
/// <param name="ModelVersion">The scoring model version that gave this score.</param>
public sealed record ProfileSnapshotDto(DateTimeOffset ComputedAt, int? Score, string? Grade, string ModelVersion);

/// <summary>Where a profile recompute stands.</summary>
public enum RecomputeStatus
{
    /// <summary>Waiting for its turn: one rebuild of every firm (a recompute, a switch-over) runs at a time.</summary>
    Queued,

    /// <summary>Rebuilding, a step of firms at a time.</summary>
    Running,

    /// <summary>Every verified firm was rebuilt: <c>firmsDone</c> equals <c>firmsTotal</c>.</summary>
    Completed,

    /// <summary>A step failed three times in a row; the firms of the steps before it were rebuilt. Ask for a new one.</summary>
    Failed,
}

/// <summary>
/// A rebuild of every verified firm's profile with the scoring model in force, asked by an operator at
/// <c>POST /api/v1/profiles/recompute</c> or by the nightly schedule (<c>requestedBy</c> null), and followed at
/// <c>GET /api/v1/profiles/recomputes/{id}</c>: the firms are rebuilt in steps (USCC order), each step one transaction
/// that also records the progress, <c>firmsDone</c> of <c>firmsTotal</c>.
/// </summary>
/// <param name="Id">The recompute's id (its location is <c>/api/v1/profiles/recomputes/{id}</c>).</param>
/// <param name="Status">Where it stands: queued, running, completed or failed.</param>
/// <param name="FirmsDone">The firms rebuilt so far.</param>
/// <param name="FirmsTotal">The verified firms when it was asked, counted again when it starts; on completion, every firm it rebuilt (firms verified meanwhile included), equal to <c>firmsDone</c>.</param>
/// <param name="RequestedBy">The operator's client id; null for the nightly rebuild.</param>
/// <param name="RequestedAt">When it was asked for (ISO 8601, UTC).</param>
/// <param name="StartedAt">When its first step began; null while queued.</param>
/// <param name="FinishedAt">When it completed or failed; null before.</param>
/// <param name="FailureReason">Why the latest step failed, while it is retried and once it has failed; null otherwise.</param>
public sealed record ProfileRecomputeDto(
    Guid Id,
    RecomputeStatus Status,
    int FirmsDone,
    int FirmsTotal,
    string? RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? FailureReason
);

/// <summary>A statistic with an approximate 95% interval.</summary>
/// <param name="Value">The statistic's estimate.</param>
/// <param name="Low">The lower bound of its approximate 95% interval.</param>
/// <param name="High">The upper bound of its approximate 95% interval.</param>
public sealed record EstimateDto(double Value, double Low, double High);

/// <summary>
/// One grade's loans in the cohort and how many defaulted; counts under the publication threshold are withheld
/// (<c>suppressed</c>) so that no firm can be picked out.
/// </summary>
/// <param name="Grade">The grade the firms had at disbursement (AAA to C), or <c>unrated</c>.</param>
/// <param name="Suppressed">
/// True when this grade's figures are withheld (too few loans, or withheld beside such a grade so that the total does
/// not give it away); they are then null.
/// </param>
/// <param name="Loans">Loans disbursed to firms of this grade in the cohort; null when suppressed.</param>
/// <param name="Defaults">How many of those loans have defaulted since; null when suppressed.</param>
/// <param name="DefaultRate">Defaults divided by loans, a fraction from 0 to 1; null when suppressed.</param>
public sealed record GradeOutcomesDto(string Grade, bool Suppressed, long? Loans, long? Defaults, double? DefaultRate);

/// <summary>
/// How one model version's grades and scores at disbursement fared: loans and realised default rate by grade, and the
/// model's AUC, Gini and KS with 95% intervals (null, with a note, when the cohort is too small to publish them).
/// </summary>
/// <param name="ModelVersion">
/// The model version that scored the firms at disbursement, or <c>unknown</c> when none was recorded.
/// </param>
/// <param name="Loans">Loans in the cohort scored by this version.</param>
/// <param name="Defaults">How many of them have defaulted since; null when the cohort has fewer than 50 loans.</param>
/// <param name="DefaultRate">
/// Defaults divided by loans, a fraction from 0 to 1; null when the cohort has fewer than 50 loans.
/// </param>
/// <param name="Auc">
/// Area under the ROC curve (0.5 is chance, 1 perfect); null when the cohort has fewer than 50 loans, or fewer than 10
/// rated loans that defaulted or 10 that did not.
/// </param>
/// <param name="Gini">Gini coefficient, 2 times AUC minus 1; null when AUC is.</param>
/// <param name="Ks">Kolmogorov-Smirnov statistic, from 0 to 1; null when AUC is.</param>
/// <param name="Grades">Loans and defaults by grade at disbursement, best grade first, then <c>unrated</c>.</param>
/// <param name="Note">Why figures are missing, when some are; null when everything is published.</param>
public sealed record ModelVersionPerformanceDto(
    string ModelVersion,
    long Loans,
    long? Defaults,
    double? DefaultRate,
    EstimateDto? Auc,
    EstimateDto? Gini,
    EstimateDto? Ks,
    IReadOnlyList<GradeOutcomesDto> Grades,
    string? Note
);

/// <summary>
/// The scoring model held to account: for the loans disbursed at least <c>observationMonths</c> ago (up to
/// <c>disbursedUntil</c>), how the scores given at disbursement predicted the defaults seen since.
/// </summary>
/// <param name="ObservationMonths">
/// How many whole months every loan has been observed at least: 6, 12 (the default), 24 or 36.
/// </param>
/// <param name="DisbursedUntil">
/// The last disbursement date in the cohort (<c>YYYY-MM-DD</c>): the day before the first of the current month,
/// <c>observationMonths</c> months back.
/// </param>
/// <param name="MinimumCell">The fewest loans a grade needs for its figures to be published.</param>
/// <param name="Versions">
/// The figures of each model version that scored loans in the cohort, newest version first.
/// </param>
public sealed record ModelPerformanceDto(
    int ObservationMonths,
    DateOnly DisbursedUntil,
    int MinimumCell,
    IReadOnlyList<ModelVersionPerformanceDto> Versions
);

/// <summary>
/// Body of <c>POST /api/v1/enterprises/{id}/profile/what-if</c> (the firm): its inputs as they might be (unset: as they
/// are), and optionally a loan it would ask for, to see which products would match it then.
/// </summary>
/// <param name="TaxPaidLast12Months">
/// Tax paid over the last 12 months to assume, in yuan (at least 0, at most 2 decimals); null keeps the real value.
/// </param>
/// <param name="TaxableRevenueLast12Months">
/// Taxable revenue over the last 12 months to assume, in yuan (at least 0, at most 2 decimals); null keeps the real
/// value.
/// </param>
/// <param name="InsuredEmployeesLatest">
/// Insured employees to assume for the latest month, 0 to 1000000; null keeps the real value.
/// </param>
/// <param name="ClearArrears">
/// True to assume tax and social-security arrears and overdue utility bills paid off (housing fund arrears stay).
/// </param>
/// <param name="Ask">
/// A loan to ask for, to see which products would match now and then; null for the score alone.
/// </param>
public sealed record ProfileWhatIfBody(
    decimal? TaxPaidLast12Months = null,
    decimal? TaxableRevenueLast12Months = null,
    int? InsuredEmployeesLatest = null,
    bool ClearArrears = false,
    WhatIfAskBody? Ask = null
);

/// <summary>The loan a what-if is asked for: amount, term and the securities the firm can offer.</summary>
/// <param name="Amount">The amount to ask for, in yuan: more than 0, at most 2 decimals.</param>
/// <param name="TermMonths">The term in months, 1 to 360.</param>
/// <param name="GuaranteeTypes">The securities the firm can offer; at least one.</param>
public sealed record WhatIfAskBody(decimal Amount, int TermMonths, IReadOnlyList<GuaranteeType> GuaranteeTypes);

/// <summary>One factor now and in the what-if: its value and its signed contribution in points.</summary>
/// <param name="Code">The factor code, as in the scoring model.</param>
/// <param name="Value">The factor's value now, in the model's unit; null without data.</param>
/// <param name="Impact">The factor's points against the neutral 500 now.</param>
/// <param name="WhatIfValue">The factor's value with the changed inputs; null without data.</param>
/// <param name="WhatIfImpact">The factor's points against the neutral 500 with the changed inputs.</param>
public sealed record WhatIfFactorDto(string Code, double? Value, int Impact, double? WhatIfValue, int WhatIfImpact);

/// <summary>The best-fitting product of one bank for the loan asked, now or in the what-if.</summary>
/// <param name="ProductId">The product's id (a UUID).</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="InstitutionId">The id (a UUID) of the bank that offers it.</param>
/// <param name="FitScore">How well the product fits the ask, 0 to 100.</param>
public sealed record WhatIfProductDto(Guid ProductId, string ProductName, Guid InstitutionId, int FitScore);

/// <summary>
/// The firm's score and grade under the published model, now and with the changed inputs, factor by factor; with an
/// ask, the products (best of each bank) that match now and those that would then.
/// </summary>
/// <param name="ModelVersion">
/// The model version that scores both sides: the one that built the firm's stored profile.
/// </param>
/// <param name="Rated">Whether the firm is rated now.</param>
/// <param name="Score">The score now, 0 to 1000; null when not rated.</param>
/// <param name="Grade">The grade now (AAA to C); null when not rated.</param>
/// <param name="WhatIfRated">Whether the firm would be rated with the changed inputs.</param>
/// <param name="WhatIfScore">The score with the changed inputs, 0 to 1000; null when not rated.</param>
/// <param name="WhatIfGrade">The grade with the changed inputs (AAA to C); null when not rated.</param>
/// <param name="Factors">Every factor of the model, now and with the changed inputs.</param>
/// <param name="ProductsNow">
/// With an ask, the best-fitting product of each bank that matches now, best fit first; null without an ask.
/// </param>
/// <param name="ProductsThen">
/// With an ask, the best-fitting product of each bank that would match with the changed inputs, best fit first; null
/// without an ask.
/// </param>
public sealed record ProfileWhatIfDto(
    string ModelVersion,
    bool Rated,
    int? Score,
    string? Grade,
    bool WhatIfRated,
    int? WhatIfScore,
    string? WhatIfGrade,
    IReadOnlyList<WhatIfFactorDto> Factors,
    IReadOnlyList<WhatIfProductDto>? ProductsNow,
    IReadOnlyList<WhatIfProductDto>? ProductsThen
);

/// <summary>Body of <c>POST /api/v1/scoring-model/switch-overs</c>: the version to move the platform to.</summary>
/// <param name="Version">
/// The model version to move to: one of those <c>GET /api/v1/scoring-model</c> lists, other than the one in force.
/// </param>
public sealed record SwitchScoringModelBody(string Version);

/// <summary>Where a switch-over stands.</summary>
public enum SwitchOverStatus
{
    /// <summary>Rebuilding; the target version is already in force for every rebuild.</summary>
    Running,

    /// <summary>Every firm was rebuilt with the target version.</summary>
    Completed,
}

/// <summary>
/// A move of the platform to another scoring model version: every verified firm rebuilt in steps, its score by both
/// versions recorded in its history at the same moment. <c>done</c> of <c>total</c> firms so far.
/// </summary>
/// <param name="Id">The switch-over's id (a UUID).</param>
/// <param name="FromVersion">The version in force before the switch-over; null if it was not recorded.</param>
/// <param name="ToVersion">The version the platform moves to, in force from the start of the switch-over.</param>
/// <param name="Status">Whether the rebuild is still running or completed.</param>
/// <param name="Total">How many verified firms there are to rebuild; on completion, how many were rebuilt.</param>
/// <param name="Done">How many firms have been rebuilt so far.</param>
/// <param name="StartedAt">When the switch-over started (ISO 8601, UTC).</param>
/// <param name="FinishedAt">When every firm had been rebuilt (ISO 8601, UTC); null while running.</param>
public sealed record ModelSwitchOverDto(
    Guid Id,
    string? FromVersion,
    string ToVersion,
    SwitchOverStatus Status,
    int Total,
    int Done,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt
);

/// <summary>A grade cap of the model: while it applies, the grade is at most <c>grade</c>.</summary>
/// <param name="Code">
/// The cap's code: <c>dishonestDebtor</c>, <c>seriousViolation</c>, <c>revokedOrDeregistered</c>,
/// <c>abnormalOperation</c> or <c>seizure</c>.
/// </param>
/// <param name="Description">When the cap applies, in plain words.</param>
/// <param name="Grade">The best grade a firm can have while the cap applies (<c>C</c> or <c>BB</c>).</param>
public sealed record GradeCapDto(string Code, string Description, string Grade);
