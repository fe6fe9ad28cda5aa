using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Objections: a firm disputes one of its records; operators resolve them.</summary>
public interface IObjectionsApi
{
    /// <summary>The firm disputes one of its records; the record shows as disputed in reports while the objection is open.</summary>
    [Post("/api/v1/enterprises/{enterpriseId}/objections")]
    Task<ObjectionDto> FileAsync(
        Guid enterpriseId,
        [Body] FileObjectionBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>A firm's objections, newest first (the firm itself and operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/objections")]
    Task<Paged<ObjectionDto>> ListForEnterpriseAsync(
        Guid enterpriseId,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Every objection, oldest first (operators); <c>overdue=true</c> for those open past 20 days.</summary>
    [Get("/api/v1/objections")]
    Task<Paged<ObjectionDto>> ListAsync(
        string? status = null,
        bool? overdue = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One objection (its firm and operators).</summary>
    [Get("/api/v1/objections/{id}")]
    Task<ObjectionDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>An operator resolves an open objection as corrected or rejected, with a note.</summary>
    [Post("/api/v1/objections/{id}/resolve")]
    Task<ObjectionDto> ResolveAsync(
        Guid id,
        [Body] ResolveObjectionBody request,
        CancellationToken cancellationToken = default
    );
}
