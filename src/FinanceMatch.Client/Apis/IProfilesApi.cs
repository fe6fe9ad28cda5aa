using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Credit profiles and the scoring model.</summary>
public interface IProfilesApi
{
    /// <summary>The scoring model in force, or the named version (public).</summary>
    [Get("/api/v1/scoring-model")]
    Task<ScoringModelDto> GetModelAsync(string? version = null, CancellationToken cancellationToken = default);

    /// <summary>Moves the platform to another model version: a rebuild of every firm with progress (operators).</summary>
    [Post("/api/v1/scoring-model/switch-overs")]
    Task<ModelSwitchOverDto> SwitchModelAsync(
        [Body] SwitchScoringModelBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>A switch-over and its progress (operators).</summary>
    [Get("/api/v1/scoring-model/switch-overs/{id}")]
    Task<ModelSwitchOverDto> GetSwitchOverAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every switch-over, newest first (operators).</summary>
    [Get("/api/v1/scoring-model/switch-overs")]
    Task<IReadOnlyList<ModelSwitchOverDto>> ListSwitchOversAsync(CancellationToken cancellationToken = default);

    /// <summary>How the model's scores predicted defaults (public, aggregates only).</summary>
    [Get("/api/v1/scoring-model/performance")]
    Task<ModelPerformanceDto> GetModelPerformanceAsync(
        int? observationMonths = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A firm's current profile (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/profile")]
    Task<ProfileDto> GetAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>The firm's score and grade with changed inputs, factor by factor, and the products that would then match.</summary>
    [Post("/api/v1/enterprises/{enterpriseId}/profile/what-if")]
    Task<ProfileWhatIfDto> WhatIfAsync(
        Guid enterpriseId,
        [Body] ProfileWhatIfBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>A firm's past scores and grades, newest first.</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/profile/history")]
    Task<IReadOnlyList<ProfileSnapshotDto>> GetHistoryAsync(
        Guid enterpriseId,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Rebuilds every profile (operators): a recompute with progress, queued or running; while one is, the answer is that
    /// one (the same id), not another.
    /// </summary>
    [Post("/api/v1/profiles/recompute")]
    Task<ProfileRecomputeDto> RecomputeAsync(CancellationToken cancellationToken = default);

    /// <summary>A recompute and its progress: firms done of total (operators).</summary>
    [Get("/api/v1/profiles/recomputes/{id}")]
    Task<ProfileRecomputeDto> GetRecomputeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The latest recomputes (at most 100), the nightly ones among them, newest first (operators).</summary>
    [Get("/api/v1/profiles/recomputes")]
    Task<IReadOnlyList<ProfileRecomputeDto>> ListRecomputesAsync(CancellationToken cancellationToken = default);
}
