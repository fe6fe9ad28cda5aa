namespace FinanceMatch.Core.Institutions;

/// <summary>What an institution does on the platform.</summary>
public enum InstitutionKind
{
    /// <summary>Lends: publishes loan products, is matched to requests, reads authorised reports.</summary>
    Bank,

    /// <summary>A (policy) guarantee agency: publishes guarantee products that cover part of a bank's loan.</summary>
    Guarantor,

    /// <summary>Sells loan guarantee insurance: publishes guarantee products too.</summary>
    Insurer,
}

/// <summary>A bank or other financial institution that publishes products and reads authorised reports.</summary>
public sealed class Institution
{
    private Institution() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = null!;
    public string Code { get; private set; } = null!;
    public InstitutionKind Kind { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Only banks lend: loan products are theirs alone.</summary>
    public bool Lends => Kind == InstitutionKind.Bank;

    /// <summary>Guarantors and insurers cover loans: guarantee products are theirs alone.</summary>
    public bool Guarantees => Kind is InstitutionKind.Guarantor or InstitutionKind.Insurer;

    public static Institution Onboard(
        string name,
        string code,
        DateTimeOffset now,
        InstitutionKind kind = InstitutionKind.Bank
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Code = code.Trim().ToUpperInvariant(),
            Kind = kind,
            CreatedAt = now,
        };
}
