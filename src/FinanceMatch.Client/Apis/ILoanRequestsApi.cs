using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Firms' loan requests.</summary>
public interface ILoanRequestsApi
{
    /// <summary>Posts a loan request with its consent; matching starts at once (firms).</summary>
    [Post("/api/v1/loan-requests")]
    Task<LoanRequestDto> SubmitAsync(
        [Body] SubmitLoanRequestBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One request and its matches (the firm, operators; a matched bank sees its own match only).</summary>
    [Get("/api/v1/loan-requests/{id}")]
    Task<LoanRequestDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The firm's own requests (operators: all), newest first.</summary>
    [Get("/api/v1/loan-requests")]
    Task<Paged<LoanRequestDto>> ListAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Published products the firm failed by one or two rules, with what would pass them.</summary>
    [Get("/api/v1/loan-requests/{id}/near-misses")]
    Task<Paged<NearMissDto>> GetNearMissesAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A declined firm asks to be matched again with the banks that have not seen the request.</summary>
    [Post("/api/v1/loan-requests/{id}/referral")]
    Task<LoanRequestDto> ReferAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Cancels the request; its open matches are withdrawn (the firm).</summary>
    [Post("/api/v1/loan-requests/{id}/cancel")]
    Task<LoanRequestDto> CancelAsync(Guid id, CancellationToken cancellationToken = default);
}
