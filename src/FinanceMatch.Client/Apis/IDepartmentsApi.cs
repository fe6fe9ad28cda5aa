using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Government departments.</summary>
public interface IDepartmentsApi
{
    /// <summary>Onboards a department (operators).</summary>
    [Post("/api/v1/departments")]
    Task<CreatedDepartment> CreateAsync(
        [Body] CreateDepartmentBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Lists departments (operators).</summary>
    [Get("/api/v1/departments")]
    Task<Paged<DepartmentDto>> ListAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One department (operators, or the department itself).</summary>
    [Get("/api/v1/departments/{id}")]
    Task<DepartmentDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Hands every record the department supplied to its successor, which alone may change them from then on (operators).</summary>
    [Post("/api/v1/departments/{id}/transfer-records")]
    Task<RecordTransferDto> TransferRecordsAsync(
        Guid id,
        [Body] TransferRecordsBody request,
        CancellationToken cancellationToken = default
    );
}
