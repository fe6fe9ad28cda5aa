using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Guarantee products of guarantors and insurers.</summary>
public interface IGuaranteesApi
{
    /// <summary>A guarantor or insurer drafts a guarantee product.</summary>
    [Post("/api/v1/guarantee-products")]
    Task<GuaranteeProductDto> CreateAsync(
        [Body] GuaranteeProductBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Offer it.</summary>
    [Post("/api/v1/guarantee-products/{id}/publish")]
    Task<GuaranteeProductDto> PublishAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Stop offering it.</summary>
    [Post("/api/v1/guarantee-products/{id}/withdraw")]
    Task<GuaranteeProductDto> WithdrawAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Published guarantee products (public), of one institution if asked.</summary>
    [Get("/api/v1/guarantee-products")]
    Task<Paged<GuaranteeProductDto>> ListAsync(
        Guid? institutionId = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One guarantee product: published ones to anyone, drafts to their institution.</summary>
    [Get("/api/v1/guarantee-products/{id}")]
    Task<GuaranteeProductDto> GetAsync(Guid id, CancellationToken cancellationToken = default);
}
