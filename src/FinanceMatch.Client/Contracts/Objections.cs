namespace FinanceMatch.Client.Contracts;

/// <summary>Where an objection is in its life.</summary>
public enum ObjectionStatus
{
    /// <summary>Filed and not yet resolved: the record shows as disputed in every report.</summary>
    Open,

    /// <summary>The department corrected the record.</summary>
    Corrected,

    /// <summary>The record stands as it was.</summary>
    Rejected,
}

/// <summary>Who closed an objection.</summary>
public enum ObjectionCloser
{
    /// <summary>The department that supplied the record rejected it, with its reason.</summary>
    Department,

    /// <summary>The department pushed the corrected record; the batch closed the objection.</summary>
    CorrectedRecord,

    /// <summary>An operator decided it after the department left it unanswered past 20 days.</summary>
    Operator,
}

/// <summary>How the department that supplied the record answers an objection (or an operator decides an overdue one).</summary>
public enum ObjectionOutcome
{
    /// <summary>The department corrected the record.</summary>
    Corrected,

    /// <summary>The record stands as it was.</summary>
    Rejected,
}

/// <summary>
/// A firm disputes one of its records: <c>recordKey</c> is the record's natural key without the USCC — <c>2025-06</c>
/// (tax, socialSecurity), <c>2025-06/electricity</c> (utility), the decisionNo (penalty) or the caseNo (judicial).
/// </summary>
public sealed record FileObjectionBody(FeedType FeedType, string RecordKey, string Reason);

/// <summary>
/// The supplying department's answer (<c>rejected</c> closes it with the reason; <c>corrected</c> promises the corrected
/// record, whose push closes it), or an operator's decision on an overdue objection; the note is for the firm.
/// </summary>
public sealed record ResolveObjectionBody(ObjectionOutcome Outcome, string Note);

/// <summary>
/// An objection; <c>dueBy</c> ends the supplying department's 20 days to answer, <c>overdue</c> when still unanswered
/// after it; <c>correctionPromisedAt</c> when the department answered corrected and the corrected record is awaited.
/// </summary>
public sealed record ObjectionDto(
    Guid Id,
    Guid EnterpriseId,
    string Uscc,
    FeedType FeedType,
    string RecordKey,
    Guid DepartmentId,
    string Reason,
    ObjectionStatus Status,
    bool Overdue,
    string? ResolutionNote,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? DueBy = null,
    DateTimeOffset? CorrectionPromisedAt = null,
    ObjectionCloser? ClosedBy = null
);
