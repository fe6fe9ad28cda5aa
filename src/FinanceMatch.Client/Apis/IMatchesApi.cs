using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Matches and the bank workflow on them.</summary>
public interface IMatchesApi
{
    /// <summary>A bank's inbox, a firm's matches, or all of them for operators; newest first.</summary>
    [Get("/api/v1/matches")]
    Task<Paged<MatchDto>> ListAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// The same matches, newest first, streamed as <paramref name="format"/> <c>csv</c> (RFC 4180, UTF-8 with a BOM) or
    /// <c>xlsx</c>. The response is returned whatever its status (a problem on failure); dispose it.
    /// </summary>
    [Get("/api/v1/matches/export")]
    Task<HttpResponseMessage> ExportAsync(
        string format,
        string? status = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One match (its bank, its firm, operators).</summary>
    [Get("/api/v1/matches/{id}")]
    Task<MatchDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The bank starts assessing the firm.</summary>
    [Post("/api/v1/matches/{id}/review")]
    Task<MatchDto> ReviewAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The bank makes an offer.</summary>
    [Post("/api/v1/matches/{id}/approve")]
    Task<MatchDto> ApproveAsync(
        Guid id,
        [Body] ApproveMatchBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The bank says no.</summary>
    [Post("/api/v1/matches/{id}/decline")]
    Task<MatchDto> DeclineAsync(
        Guid id,
        [Body] DeclineMatchBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The bank pays the loan out.</summary>
    [Post("/api/v1/matches/{id}/disburse")]
    Task<MatchDto> DisburseAsync(
        Guid id,
        [Body] DisburseMatchBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>The firm accepts an offer; its other open matches are withdrawn.</summary>
    [Post("/api/v1/matches/{id}/accept")]
    Task<MatchDto> AcceptAsync(Guid id, CancellationToken cancellationToken = default);
}
