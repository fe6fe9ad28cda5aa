using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Risk-compensation programmes, their ledgers and the claims on them.</summary>
public interface IRiskProgrammesApi
{
    /// <summary>Define a programme (an operator for a department, or a department for itself).</summary>
    [Post("/api/v1/risk-programmes")]
    Task<RiskProgrammeDto> CreateAsync(
        [Body] CreateRiskProgrammeBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Every programme with its terms and budget.</summary>
    [Get("/api/v1/risk-programmes")]
    Task<Paged<RiskProgrammeDto>> ListAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One programme.</summary>
    [Get("/api/v1/risk-programmes/{id}")]
    Task<RiskProgrammeDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every movement of the programme's money (operators, the owning department).</summary>
    [Get("/api/v1/risk-programmes/{id}/ledger")]
    Task<Paged<LedgerEntryDto>> LedgerAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The bank claims on the programme covering its defaulted loan.</summary>
    [Post("/api/v1/loans/{loanId}/claims")]
    Task<ClaimDto> FileClaimAsync(
        Guid loanId,
        [Body] FileClaimBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Claims the caller may see.</summary>
    [Get("/api/v1/claims")]
    Task<Paged<ClaimDto>> ListClaimsAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Pay a claim.</summary>
    [Post("/api/v1/claims/{id}/approve")]
    Task<ClaimDto> ApproveClaimAsync(
        Guid id,
        [Body] DecideClaimBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Refuse a claim with a note.</summary>
    [Post("/api/v1/claims/{id}/reject")]
    Task<ClaimDto> RejectClaimAsync(
        Guid id,
        [Body] DecideClaimBody request,
        CancellationToken cancellationToken = default
    );
}
