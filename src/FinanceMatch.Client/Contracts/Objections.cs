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

/// <summary>How an operator resolves an objection.</summary>
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

/// <summary>An operator closes an objection with its outcome and a note for the firm.</summary>
public sealed record ResolveObjectionBody(ObjectionOutcome Outcome, string Note);

/// <summary>An objection; <c>overdue</c> when still open 20 days after it was filed.</summary>
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
    DateTimeOffset? ResolvedAt
);
