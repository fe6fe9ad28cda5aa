using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>The audit of the firms' access chains (operators).</summary>
public interface IAuditApi
{
    /// <summary>Recomputes every firm's access chain and lists the records that do not fit.</summary>
    [Get("/api/v1/audit/report-accesses/verify")]
    Task<AccessChainVerificationDto> VerifyReportAccessesAsync(CancellationToken cancellationToken = default);
}
