namespace FinanceMatch.Client.Contracts;

/// <summary>What a department's list says of the firms on it.</summary>
public enum ListKind
{
    /// <summary>培育池: firms a department grooms for their first loans.</summary>
    CultivationPool,

    /// <summary>重点企业: key firms pushed to banks.</summary>
    KeyFirms,

    /// <summary>红名单: firms honoured for their credit.</summary>
    RedList,

    /// <summary>专精特新: specialised and innovative SMEs.</summary>
    Specialised,

    /// <summary>Any other list a department keeps.</summary>
    Other,
}

/// <summary>How an upload of members changes a list.</summary>
public enum ListUploadMode
{
    /// <summary>The firms named join the list; the others stay.</summary>
    Append,

    /// <summary>The firms named are the list: the others leave it.</summary>
    Replace,
}

/// <summary>
/// Body of <c>POST /api/v1/lists</c> (a department for itself, or an operator naming the department). A list is shared
/// with no bank unless it says so: with every bank, or with the banks named.
/// </summary>
public sealed record CreateListBody(
    string Name,
    ListKind Kind,
    DateOnly ValidFrom,
    DateOnly? ValidTo = null,
    string? Description = null,
    Guid? DepartmentId = null,
    bool SharedWithAllBanks = false,
    IReadOnlyList<Guid>? SharedWith = null
);

/// <summary>
/// A list. Banks see the lists shared with them, never who else they are shared with (<c>sharedWith</c> is empty for a
/// bank), and never the members beyond those that have consented to them.
/// </summary>
public sealed record ListDto(
    Guid Id,
    Guid DepartmentId,
    string Name,
    ListKind Kind,
    string? Description,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool Valid,
    bool SharedWithAllBanks,
    IReadOnlyList<Guid> SharedWith,
    int MemberCount,
    bool? Subscribed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt
);

/// <summary>
/// A member of a list. The department and operators see every member; a bank only the registered firms that hold a
/// consent for it in force (with their enterprise id, to read the report under that consent).
/// </summary>
public sealed record ListMemberDto(string Uscc, Guid? EnterpriseId, DateTimeOffset AddedAt, Guid BatchId);
