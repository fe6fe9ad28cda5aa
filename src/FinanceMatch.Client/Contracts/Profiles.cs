namespace FinanceMatch.Client.Contracts;

/// <summary>The scoring model: grade bands and weighted dimensions of factors.</summary>
/// <remarks>
/// InForce: whether the platform scores with this version now. Summary: what the version changed. Caps: the grade caps.
/// Versions: every version the platform can show (<c>?version=</c>), oldest first.
/// </remarks>
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
public sealed record GradeBandDto(string Grade, int MinScore);

/// <summary>A dimension of the model and its factors.</summary>
public sealed record DimensionDto(string Code, string Description, double Weight, IReadOnlyList<FactorDto> Factors);

/// <summary>A factor, its weight within its dimension, and its bands: values at or above each threshold score the next band.</summary>
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
public sealed record DataCoverageDto(int TaxMonths, int SocialSecurityMonths, int UtilityMonths);

/// <summary>A dimension's score (0–1000) and weight.</summary>
public sealed record ProfileDimensionDto(string Code, int Score, double Weight);

/// <summary>A factor's value (null: no data, scored neutral) and its impact in points against the neutral middle (500).</summary>
/// <remarks>
/// <c>disputed</c> is true while the firm has an open objection to a record of the feed this factor is computed from:
/// the value may change when the objection is resolved.
/// </remarks>
public sealed record ProfileFactorDto(string Code, double? Value, int Impact, bool Disputed = false);

/// <summary>Warning flags.</summary>
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
public sealed record ProfileSnapshotDto(DateTimeOffset ComputedAt, int? Score, string? Grade, string ModelVersion);

/// <summary>The answer to <c>POST /api/v1/profiles/recompute</c>.</summary>
public sealed record RecomputeDto(string JobId);

/// <summary>A statistic with an approximate 95% interval.</summary>
public sealed record EstimateDto(double Value, double Low, double High);

/// <summary>
/// One grade's loans in the cohort and how many defaulted; counts under the publication threshold are withheld
/// (<c>suppressed</c>) so that no firm can be picked out.
/// </summary>
public sealed record GradeOutcomesDto(string Grade, bool Suppressed, long? Loans, long? Defaults, double? DefaultRate);

/// <summary>
/// How one model version's grades and scores at disbursement fared: loans and realised default rate by grade, and the
/// model's AUC, Gini and KS with 95% intervals (null, with a note, when the cohort is too small to publish them).
/// </summary>
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
public sealed record ProfileWhatIfBody(
    decimal? TaxPaidLast12Months = null,
    decimal? TaxableRevenueLast12Months = null,
    int? InsuredEmployeesLatest = null,
    bool ClearArrears = false,
    WhatIfAskBody? Ask = null
);

/// <summary>The loan a what-if is asked for: amount, term and the securities the firm can offer.</summary>
public sealed record WhatIfAskBody(decimal Amount, int TermMonths, IReadOnlyList<GuaranteeType> GuaranteeTypes);

/// <summary>One factor now and in the what-if: its value and its signed contribution in points.</summary>
public sealed record WhatIfFactorDto(string Code, double? Value, int Impact, double? WhatIfValue, int WhatIfImpact);

/// <summary>The best-fitting product of one bank for the loan asked, now or in the what-if.</summary>
public sealed record WhatIfProductDto(Guid ProductId, string ProductName, Guid InstitutionId, int FitScore);

/// <summary>
/// The firm's score and grade under the published model, now and with the changed inputs, factor by factor; with an
/// ask, the products (best of each bank) that match now and those that would then.
/// </summary>
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
public sealed record GradeCapDto(string Code, string Description, string Grade);
