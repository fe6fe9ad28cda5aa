using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>A firm's consents to share its report.</summary>
public interface IConsentsApi
{
    /// <summary>Grants a consent (the firm itself).</summary>
    [Post("/api/v1/enterprises/{enterpriseId}/consents")]
    Task<ConsentDto> GrantAsync(
        Guid enterpriseId,
        [Body] GrantConsentBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Lists a firm's consents, newest first (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/consents")]
    Task<Paged<ConsentDto>> ListAsync(
        Guid enterpriseId,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// Reads a firm's authorised report (banks with a consent in force for <paramref name="purpose"/>, loanAssessment by
    /// default; operators for supervision); every read is recorded in the firm's access chain.
    /// </summary>
    [Get("/api/v1/enterprises/{enterpriseId}/report")]
    Task<ReportDto> GetReportAsync(
        Guid enterpriseId,
        Guid? consentId = null,
        string? purpose = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Every read of a firm's credit data, oldest first, as a hash chain (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/report-accesses")]
    Task<Paged<ReportAccessDto>> ListAccessesAsync(
        Guid enterpriseId,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Revokes a consent at once (the firm itself).</summary>
    [Delete("/api/v1/enterprises/{enterpriseId}/consents/{consentId}")]
    Task RevokeAsync(Guid enterpriseId, Guid consentId, CancellationToken cancellationToken = default);
}
