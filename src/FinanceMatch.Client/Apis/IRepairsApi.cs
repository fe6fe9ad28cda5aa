using FinanceMatch.Client.Contracts;
using Refit;

namespace FinanceMatch.Client;

/// <summary>Credit repair (信用修复): a firm asks the department that supplied a penalty to stop it counting.</summary>
public interface IRepairsApi
{
    /// <summary>
    /// Files a repair request for one of the firm's penalties (multipart: decisionNo, statement, up to 5 PDF, PNG or JPEG
    /// files of at most 2 MiB) (the firm itself).
    /// </summary>
    [Multipart]
    [Post("/api/v1/enterprises/{enterpriseId}/repair-requests")]
    Task<RepairRequestDto> FileAsync(
        Guid enterpriseId,
        [AliasAs("decisionNo")] string decisionNo,
        [AliasAs("statement")] string statement,
        [AliasAs("files")] IEnumerable<StreamPart> files,
        CancellationToken cancellationToken = default
    );

    /// <summary>The firm's repair requests, newest first (the firm itself, operators).</summary>
    [Get("/api/v1/enterprises/{enterpriseId}/repair-requests")]
    Task<Paged<RepairRequestDto>> ListForEnterpriseAsync(
        Guid enterpriseId,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>Repair requests, oldest first: on the department's own penalties (a department), every one (operators).</summary>
    [Get("/api/v1/repair-requests")]
    Task<Paged<RepairRequestDto>> ListAsync(
        string? status = null,
        int? page = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default
    );

    /// <summary>One repair request (its firm, the penalty's department, operators).</summary>
    [Get("/api/v1/repair-requests/{id}")]
    Task<RepairRequestDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>A file of evidence, as it was uploaded.</summary>
    [Get("/api/v1/repair-requests/{id}/attachments/{position}")]
    Task<HttpResponseMessage> GetAttachmentAsync(Guid id, int position, CancellationToken cancellationToken = default);

    /// <summary>Approves the repair: the penalty stops counting today (the penalty's department).</summary>
    [Post("/api/v1/repair-requests/{id}/approve")]
    Task<RepairRequestDto> ApproveAsync(
        Guid id,
        [Body] RepairDecisionBody request,
        CancellationToken cancellationToken = default
    );

    /// <summary>Refuses the repair, saying why (the penalty's department).</summary>
    [Post("/api/v1/repair-requests/{id}/reject")]
    Task<RepairRequestDto> RejectAsync(
        Guid id,
        [Body] RepairDecisionBody request,
        CancellationToken cancellationToken = default
    );
}
