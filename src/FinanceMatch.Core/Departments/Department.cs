using FinanceMatch.Core.Feeds;

namespace FinanceMatch.Core.Departments;

/// <summary>A government department that pushes (or is pulled for) the feed types it was created with.</summary>
public sealed class Department
{
    private Department() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = null!;
    public string Code { get; private set; } = null!;
    public List<FeedType> FeedTypes { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    public static Department Onboard(string name, string code, IEnumerable<FeedType> feedTypes, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Code = code.Trim().ToUpperInvariant(),
            FeedTypes = feedTypes.Distinct().Order().ToList(),
            CreatedAt = now,
        };

    public bool MayPush(FeedType feedType) => feedType.IsDepartmentRecord() && FeedTypes.Contains(feedType);
}
