using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Loans after disbursement: the bank's reports, the firm's view.</summary>
public interface ILoansApi
{
    /// <summary>A bank's loan book, a firm's loans, or all of them for operators; newest disbursement first.</summary>
    [Get("/api/v1/loans")]
    Task<Paged<LoanDto>> ListAsync(
        string? status = null,
        bool? stale = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One loan, with the programme covering it.</summary>
    [Get("/api/v1/loans/{id}")]
    Task<LoanDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every period reported of one loan.</summary>
    [Get("/api/v1/loans/{id}/performance")]
    Task<IReadOnlyList<LoanPerformanceDto>> ListPerformanceAsync(
        Guid id,
        CancellationToken cancellationToken = default
    );

    /// <summary>The bank reports one period of its loan.</summary>
    [Post("/api/v1/loans/{id}/performance")]
    Task<LoanDto> ReportPerformanceAsync(
        Guid id,
        [Body] ReportLoanPerformanceBody request,
        CancellationToken cancellationToken = default
    );
}
