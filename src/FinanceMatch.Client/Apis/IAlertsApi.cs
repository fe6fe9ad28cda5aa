using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Post-loan risk alerts.</summary>
public interface IAlertsApi
{
    /// <summary>The caller's alerts, newest first (a bank: its own; operators: all).</summary>
    [Get("/api/v1/alerts")]
    Task<Paged<AlertDto>> ListAsync(
        string? kind = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );
}
