namespace FinanceMatch.Client.Contracts;

/// <summary>Where a credit repair request stands.</summary>
public enum RepairStatus
{
    /// <summary>Waiting for the department that supplied the penalty.</summary>
    Pending,

    /// <summary>The penalty stopped counting on <c>repairedOn</c>.</summary>
    Approved,

    /// <summary>The department refused, saying why.</summary>
    Rejected,
}

/// <summary>A file of evidence attached to a repair request (download it at <c>…/attachments/{position}</c>).</summary>
/// <param name="Position">
/// The file's 1-based place among the request's files (1 to 5), used in its download path.
/// </param>
/// <param name="FileName">The file's name as uploaded, at most 200 characters.</param>
/// <param name="ContentType">
/// The file's media type: <c>application/pdf</c>, <c>image/png</c> or <c>image/jpeg</c>.
/// </param>
/// <param name="Size">The file's size in bytes, at most 2 MiB (2097152).</param>
public sealed record RepairAttachmentDto(int Position, string FileName, string ContentType, int Size);

/// <summary>
/// A firm's request to repair (信用修复) one of its penalties, by its decisionNo; the department that supplied the penalty
/// decides. A department sees the USCC, never the platform's enterprise id (empty for it).
/// </summary>
/// <param name="Id">The repair request's id (a UUID).</param>
/// <param name="EnterpriseId">
/// The firm's id (a UUID); the empty UUID (all zeros) when a department reads the request.
/// </param>
/// <param name="Uscc">The firm's unified social credit code (18 characters).</param>
/// <param name="DepartmentId">
/// The id (a UUID) of the department that supplied the penalty and decides the request.
/// </param>
/// <param name="DecisionNo">The penalty's decision number, as in the penalty record (at most 64 characters).</param>
/// <param name="Statement">The firm's statement of what it put right, at most 4000 characters.</param>
/// <param name="Status">Where the request stands: pending until the department approves or rejects it.</param>
/// <param name="DecisionNote">
/// The department's note on its decision (at most 2000 characters); null while pending.
/// </param>
/// <param name="DecidedAt">When the department decided (ISO 8601, UTC); null while pending.</param>
/// <param name="RepairedOn">
/// The day of the approval (<c>YYYY-MM-DD</c>, UTC), from which the penalty no longer counts; null unless approved.
/// </param>
/// <param name="CreatedAt">When the firm filed the request (ISO 8601, UTC).</param>
/// <param name="Attachments">The evidence files, in upload order (at most 5); names, types and sizes only.</param>
public sealed record RepairRequestDto(
    Guid Id,
    Guid EnterpriseId,
    string Uscc,
    Guid DepartmentId,
    string DecisionNo,
    string Statement,
    RepairStatus Status,
    string? DecisionNote,
    DateTimeOffset? DecidedAt,
    DateOnly? RepairedOn,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RepairAttachmentDto> Attachments
);

/// <summary>Body of <c>POST /api/v1/repair-requests/{id}/approve</c> and <c>/reject</c>: the department's note for the firm.</summary>
/// <param name="Note">
/// Why the department decided so, for the firm to read: required, at most 2000 characters (trimmed).
/// </param>
public sealed record RepairDecisionBody(string Note);
