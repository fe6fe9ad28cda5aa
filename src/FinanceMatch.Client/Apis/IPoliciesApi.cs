using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Government policies (subsidies, first-loan bonuses), their ledgers and the banks' subsidy claims.</summary>
public interface IPoliciesApi
{
    /// <summary>Define a policy (an operator for a department, or a department for itself).</summary>
    [Post("/api/v1/policies")]
    Task<PolicyDto> CreateAsync([Body] CreatePolicyBody request, CancellationToken cancellationToken = default);

    /// <summary>Every policy with its terms.</summary>
    [Get("/api/v1/policies")]
    Task<Paged<PolicyDto>> ListAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One policy.</summary>
    [Get("/api/v1/policies/{id}")]
    Task<PolicyDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every movement of the policy's money (operators, the owning department).</summary>
    [Get("/api/v1/policies/{id}/ledger")]
    Task<Paged<LedgerEntryDto>> LedgerAsync(
        Guid id,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The open policies the firm qualifies for, and those it misses by one rule (the firm itself).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/eligible-policies")]
    Task<EligiblePoliciesDto> EligibleAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>The bank claims a policy's subsidy on its loan.</summary>
    [Post("/api/v1/loans/{loanId}/subsidy-claims")]
    Task<SubsidyClaimDto> FileClaimAsync(
        Guid loanId,
        [Body] FileSubsidyClaimBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Subsidy claims the caller may see.</summary>
    [Get("/api/v1/subsidy-claims")]
    Task<Paged<SubsidyClaimDto>> ListClaimsAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Pay a subsidy claim.</summary>
    [Post("/api/v1/subsidy-claims/{id}/approve")]
    Task<SubsidyClaimDto> ApproveClaimAsync(
        Guid id,
        [Body] DecideClaimBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Refuse a subsidy claim with a note.</summary>
    [Post("/api/v1/subsidy-claims/{id}/reject")]
    Task<SubsidyClaimDto> RejectClaimAsync(
        Guid id,
        [Body] DecideClaimBody request,
        CancellationToken cancellationToken = default
    );
}
