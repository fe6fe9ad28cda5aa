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
public sealed record RepairAttachmentDto(int Position, string FileName, string ContentType, int Size);

/// <summary>
/// A firm's request to repair (信用修复) one of its penalties, by its decisionNo; the department that supplied the penalty
/// decides. A department sees the USCC, never the platform's enterprise id (empty for it).
/// </summary>
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
public sealed record RepairDecisionBody(string Note);
