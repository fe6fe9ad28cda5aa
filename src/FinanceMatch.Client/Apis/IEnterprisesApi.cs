using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Registered firms.</summary>
public interface IEnterprisesApi
{
    /// <summary>A firm registers itself (no token needed).</summary>
    [Post("/api/v1/enterprises")]
    Task<RegisteredEnterprise> RegisterAsync(
        [Body] RegisterEnterpriseBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One firm (the firm itself, operators; banks only with the firm's consent).</summary>
    [Get("/api/v1/enterprises/{id}")]
    Task<EnterpriseDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists firms (operators), optionally by USCC; <c>verification=pending</c> is the review queue, oldest first.</summary>
    [Get("/api/v1/enterprises")]
    Task<Paged<EnterpriseDto>> ListAsync(
        string? uscc = null,
        string? verification = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The firm proves it controls the firm with a signed e-business-licence assertion.</summary>
    [Post("/api/v1/enterprises/{id}/verification")]
    Task<EnterpriseDto> SubmitVerificationAsync(
        Guid id,
        [Body] SubmitVerificationBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>An operator verifies a pending registration after reviewing it.</summary>
    [Post("/api/v1/enterprises/{id}/verify")]
    Task<EnterpriseDto> VerifyAsync(
        Guid id,
        [Body] VerificationDecisionBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>An operator rejects a pending registration.</summary>
    [Post("/api/v1/enterprises/{id}/reject")]
    Task<EnterpriseDto> RejectAsync(
        Guid id,
        [Body] VerificationDecisionBody request,
        CancellationToken cancellationToken = default
    );
}
