using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Banks' loan products and the public catalogue.</summary>
public interface IProductsApi
{
    /// <summary>Creates a product as a draft (banks).</summary>
    [Post("/api/v1/products")]
    Task<ProductDto> CreateAsync(
        [Body] ProductBody request,
        [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Replaces a product's terms as a new version (its own bank).</summary>
    [Put("/api/v1/products/{id}")]
    Task<ProductDto> UpdateAsync(Guid id, [Body] ProductBody request, CancellationToken cancellationToken = default);

    /// <summary>Puts a draft or withdrawn product in the catalogue (its own bank).</summary>
    [Post("/api/v1/products/{id}/publish")]
    Task<ProductDto> PublishAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Takes a published product out of the catalogue (its own bank).</summary>
    [Post("/api/v1/products/{id}/withdraw")]
    Task<ProductDto> WithdrawAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The public catalogue: published products, filtered.</summary>
    [Get("/api/v1/products")]
    Task<Paged<ProductDto>> ListAsync(
        decimal? amount = null,
        int? termMonths = null,
        string? guaranteeType = null,
        Guid? institutionId = null,
        string? tag = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// What the signed-in firm qualifies for (<c>eligibleFor=me</c>): the published products whose rules it passes now, best
    /// fit first, each with its <c>fitScore</c>; with amount, termMonths and guaranteeType (all three), for that loan.
    /// </summary>
    [Get("/api/v1/products?eligibleFor=me")]
    Task<Paged<ProductDto>> ListEligibleAsync(
        decimal? amount = null,
        int? termMonths = null,
        string? guaranteeType = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The calling bank's own products in any state.</summary>
    [Get("/api/v1/products/mine")]
    Task<Paged<ProductDto>> ListMineAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One product: published ones for anyone, drafts and withdrawn ones for their bank and operators.</summary>
    [Get("/api/v1/products/{id}")]
    Task<ProductDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The terms of one version of a product, as matches made from it saw them.</summary>
    [Get("/api/v1/products/{id}/versions/{version}")]
    Task<ProductVersionDto> GetVersionAsync(Guid id, int version, CancellationToken cancellationToken = default);
}
