namespace FinanceMatch.Core.Institutions;

/// <summary>A bank or other financial institution that publishes products and reads authorised reports.</summary>
public sealed class Institution
{
    private Institution() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = null!;
    public string Code { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    public static Institution Onboard(string name, string code, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Code = code.Trim().ToUpperInvariant(),
            CreatedAt = now,
        };
}
