using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Matchmaking statistics (operators: all; a bank: its own institution).</summary>
public interface IStatisticsApi
{
    /// <summary>The headline figures over the requests posted in a period (dates inclusive).</summary>
    [Get("/api/v1/stats/overview")]
    Task<StatsOverviewDto> GetOverviewAsync(
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>The same figures per institution, product, division, industry, grade or month.</summary>
    [Get("/api/v1/stats/breakdown")]
    Task<StatsBreakdownDto> GetBreakdownAsync(
        string by,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Loan outcomes over the loans disbursed in a period, by one dimension (default: all in one row).</summary>
    [Get("/api/v1/stats/loans")]
    Task<LoanStatsDto> GetLoansAsync(
        string? by = null,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Per department and feed type: batches, rows accepted and rejected, the last batch, and whether it went quiet (operators).</summary>
    [Get("/api/v1/stats/feeds")]
    Task<FeedStatsDto> GetFeedsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The overview's figures as one row, downloaded: <paramref name="format"/> <c>csv</c> (RFC 4180, UTF-8 with a BOM) or
    /// <c>xlsx</c>. The response is returned whatever its status (a problem on failure) and streams; dispose it.
    /// </summary>
    [Get("/api/v1/stats/overview/export")]
    Task<HttpResponseMessage> ExportOverviewAsync(
        string format,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>A breakdown's rows, downloaded as <c>csv</c> or <c>xlsx</c>; dispose the response.</summary>
    [Get("/api/v1/stats/breakdown/export")]
    Task<HttpResponseMessage> ExportBreakdownAsync(
        string format,
        string by,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Loan outcomes' rows, downloaded as <c>csv</c> or <c>xlsx</c>; dispose the response.</summary>
    [Get("/api/v1/stats/loans/export")]
    Task<HttpResponseMessage> ExportLoansAsync(
        string format,
        string? by = null,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Feed health's rows (operators: every department; a department: its own), as <c>csv</c> or <c>xlsx</c>; dispose the response.</summary>
    [Get("/api/v1/stats/feeds/export")]
    Task<HttpResponseMessage> ExportFeedsAsync(string format, CancellationToken cancellationToken = default);

    /// <summary>Brings the pre-aggregated figures up to date now, months included, instead of at the job's next round (operators).</summary>
    [Post("/api/v1/stats/refresh")]
    Task<StatsRefreshDto> RefreshAsync(CancellationToken cancellationToken = default);
}
