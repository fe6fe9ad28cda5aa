namespace FinanceMatch.Core.Enterprises;

/// <summary>A small or medium firm, identified by its USCC, registered on the platform by itself.</summary>
public sealed class Enterprise
{
    private Enterprise() { }

    public Guid Id { get; private set; }
    public string Uscc { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public string LegalRepresentative { get; private set; } = null!;
    public string DivisionCode { get; private set; } = null!;
    public string IndustryCode { get; private set; } = null!;
    public DateOnly EstablishedOn { get; private set; }
    public decimal RegisteredCapital { get; private set; }
    public int? Employees { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    public static Enterprise Register(string uscc, string name, string legalRepresentative, string divisionCode,
        string industryCode, DateOnly establishedOn, decimal registeredCapital, int? employees, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Uscc = uscc,
            Name = name.Trim(),
            LegalRepresentative = legalRepresentative.Trim(),
            DivisionCode = divisionCode,
            IndustryCode = industryCode,
            EstablishedOn = establishedOn,
            RegisteredCapital = registeredCapital,
            Employees = employees,
            RegisteredAt = now,
        };
}
