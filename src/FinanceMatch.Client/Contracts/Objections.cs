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
/// <param name="FeedType">The feed the disputed record belongs to: a department's feed, never <c>loanPerformance</c> or
/// <c>listMembers</c>.</param>
/// <param name="RecordKey">The disputed record's natural key without the USCC, at most 100 characters, e.g.
/// <c>2025-06</c> for a tax month; the firm must have that record (422 otherwise).</param>
/// <param name="Reason">Why the firm disputes the record, 1 to 2,000 characters.</param>
public sealed record FileObjectionBody(FeedType FeedType, string RecordKey, string Reason);

/// <summary>
/// The supplying department's answer (<c>rejected</c> closes it with the reason; <c>corrected</c> promises the corrected
/// record, whose push closes it), or an operator's decision on an overdue objection; the note is for the firm.
/// </summary>
/// <param name="Outcome"><c>corrected</c> or <c>rejected</c>.</param>
/// <param name="Note">The answer for the firm, 1 to 2,000 characters.</param>
public sealed record ResolveObjectionBody(ObjectionOutcome Outcome, string Note);

/// <summary>
/// An objection; <c>dueBy</c> ends the supplying department's 20 days to answer, <c>overdue</c> when still unanswered
/// after it; <c>correctionPromisedAt</c> when the department answered corrected and the corrected record is awaited.
/// </summary>
/// <param name="Id">The objection id (UUID).</param>
/// <param name="EnterpriseId">The firm that filed it; the all-zero UUID when a department reads it.</param>
/// <param name="Uscc">The firm's 18-character unified social credit code.</param>
/// <param name="FeedType">The feed the disputed record belongs to.</param>
/// <param name="RecordKey">The disputed record's natural key without the USCC.</param>
/// <param name="DepartmentId">The department that supplied the record and answers the objection.</param>
/// <param name="Reason">Why the firm disputes the record.</param>
/// <param name="Status">Whether the objection is open, corrected or rejected.</param>
/// <param name="Overdue">True while it is open past <c>dueBy</c>.</param>
/// <param name="ResolutionNote">The department's or operator's answer for the firm; null until one is given.</param>
/// <param name="CreatedAt">When the firm filed it (ISO 8601, UTC).</param>
/// <param name="ResolvedAt">When it was closed (ISO 8601, UTC); null while open.</param>
/// <param name="DueBy">When the department's 20 days end (ISO 8601, UTC): to answer, or after a <c>corrected</c>
/// answer, to push the corrected record.</param>
/// <param name="CorrectionPromisedAt">When the department answered <c>corrected</c> (ISO 8601, UTC); null if it has
/// not.</param>
/// <param name="ClosedBy">Who closed the objection; null while open.</param>
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
