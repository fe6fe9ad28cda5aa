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
/// <param name="Name">The list's name, 1 to 200 characters.</param>
/// <param name="Kind">What the list says of its firms.</param>
/// <param name="ValidFrom">First day membership counts, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last day membership counts (inclusive), <c>YYYY-MM-DD</c>, not before <c>validFrom</c>; null
/// for no end.</param>
/// <param name="Description">Free text describing the list, at most 2,000 characters; optional.</param>
/// <param name="DepartmentId">The department that keeps the list: required from an operator; a department leaves it
/// null or names itself.</param>
/// <param name="SharedWithAllBanks">Share the list with every bank; <c>sharedWith</c> must then be empty.</param>
/// <param name="SharedWith">Ids of the banks the list is shared with, at most 200, each a bank's (422
/// otherwise).</param>
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
/// <param name="Id">The list id (UUID).</param>
/// <param name="DepartmentId">The department that keeps the list.</param>
/// <param name="Name">The list's name.</param>
/// <param name="Kind">What the list says of its firms.</param>
/// <param name="Description">Free text describing the list; null when none was given.</param>
/// <param name="ValidFrom">First day membership counts, <c>YYYY-MM-DD</c>.</param>
/// <param name="ValidTo">Last day membership counts (inclusive), <c>YYYY-MM-DD</c>; null for no end.</param>
/// <param name="Valid">Whether membership counts today, so that products, policies and matching read it.</param>
/// <param name="SharedWithAllBanks">Whether every bank may see the list, target it and subscribe to it.</param>
/// <param name="SharedWith">Ids of the banks it is shared with; shown to the owning department and operators only,
/// empty for anyone else.</param>
/// <param name="MemberCount">How many firms are on the list after the last applied upload.</param>
/// <param name="Subscribed">For a bank: whether it subscribes to the list's <c>listMembersAdded</c> events; null for
/// anyone else.</param>
/// <param name="CreatedAt">When the list was created (ISO 8601, UTC).</param>
/// <param name="UpdatedAt">When the list or its members last changed (ISO 8601, UTC).</param>
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
/// <param name="Uscc">The member's 18-character unified social credit code.</param>
/// <param name="EnterpriseId">The verified firm holding this USCC on the platform; null when none does, and always null
/// for a department.</param>
/// <param name="AddedAt">When the firm joined the list (ISO 8601, UTC).</param>
/// <param name="BatchId">The upload batch that first listed the firm.</param>
public sealed record ListMemberDto(string Uscc, Guid? EnterpriseId, DateTimeOffset AddedAt, Guid BatchId);
