using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>The demand hall: requests nobody took, anonymised for banks; banks' interest and the firm's confirmation.</summary>
public interface IDemandHallApi
{
    /// <summary>The anonymised requests of the hall (banks, operators).</summary>
    [Get("/api/v1/demand-hall")]
    Task<Paged<DemandHallEntryDto>> ListAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A bank says it would lend under one of its published products.</summary>
    [Post("/api/v1/demand-hall/{id}/interest")]
    Task<DemandHallInterestDto> ExpressInterestAsync(
        Guid id,
        [Body] ExpressInterestBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The banks interested in the firm's request (the firm itself).</summary>
    [Get("/api/v1/loan-requests/{loanRequestId}/interests")]
    Task<IReadOnlyList<DemandHallInterestDto>> InterestsAsync(
        Guid loanRequestId,
        CancellationToken cancellationToken = default
    );

    /// <summary>The firm confirms a bank: the match is made and the request's consent covers that bank.</summary>
    [Post("/api/v1/loan-requests/{loanRequestId}/interests/{interestId}/confirm")]
    Task<MatchDto> ConfirmAsync(Guid loanRequestId, Guid interestId, CancellationToken cancellationToken = default);
}
