using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Financial institutions.</summary>
public interface IInstitutionsApi
{
    /// <summary>Onboards an institution (operators).</summary>
    [Post("/api/v1/institutions")]
    Task<CreatedInstitution> CreateAsync(
        [Body] CreateInstitutionBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Lists institutions.</summary>
    [Get("/api/v1/institutions")]
    Task<Paged<InstitutionDto>> ListAsync(
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One institution.</summary>
    [Get("/api/v1/institutions/{id}")]
    Task<InstitutionDto> GetAsync(Guid id, CancellationToken cancellationToken = default);
}
