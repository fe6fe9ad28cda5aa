using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Guarantee products of guarantors and insurers, and the guarantees they give on loan requests (政银担).</summary>
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

    /// <summary>
    /// Guarantees the caller may see, newest first: a guarantor's inbox (<c>?status=pending</c>), the guarantees on a
    /// bank's matches, a firm's own, all of them for operators.
    /// </summary>
    [Get("/api/v1/guarantees")]
    Task<Paged<GuaranteeDto>> ListGuaranteesAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One guarantee.</summary>
    [Get("/api/v1/guarantees/{id}")]
    Task<GuaranteeDto> GetGuaranteeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The guarantor takes the loan on, holding its amount against the product's capacity.</summary>
    [Post("/api/v1/guarantees/{id}/approve")]
    Task<GuaranteeDto> ApproveAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The guarantor refuses; the offers relying on it are withdrawn.</summary>
    [Post("/api/v1/guarantees/{id}/decline")]
    Task<GuaranteeDto> DeclineAsync(
        Guid id,
        [Body] DeclineGuaranteeBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The lending bank claims the covered share of its loss on the defaulted loan.</summary>
    [Post("/api/v1/guarantees/{id}/claim")]
    Task<GuaranteeDto> ClaimAsync(
        Guid id,
        [Body] ClaimGuaranteeBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The guarantor pays the claim.</summary>
    [Post("/api/v1/guarantees/{id}/pay")]
    Task<GuaranteeDto> PayClaimAsync(
        Guid id,
        [Body] DecideGuaranteeClaimBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The guarantor refuses the claim, with a note.</summary>
    [Post("/api/v1/guarantees/{id}/reject-claim")]
    Task<GuaranteeDto> RejectClaimAsync(
        Guid id,
        [Body] DecideGuaranteeClaimBody request,
        CancellationToken cancellationToken = default
    );
}
