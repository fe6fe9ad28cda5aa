using System.Text.Json;
using FinanceMatch.Core.Common;

namespace FinanceMatch.Core.Products;

public enum GuaranteeType
{
    Credit,
    Mortgage,
    Guarantee,
    Pledge,
}

/// <summary>
/// A set of guarantee types as bits (a type's bit is 1 shifted by its value), so the matching query compares integers
/// instead of text arrays. Products store theirs as a column PostgreSQL computes with <see cref="ColumnSql"/>.
/// </summary>
public static class GuaranteeMask
{
    public static int Of(IEnumerable<GuaranteeType> types) => types.Aggregate(0, (mask, type) => mask | 1 << (int)type);

    /// <summary>The same mask computed by PostgreSQL from a product's <c>guarantee_types</c>.</summary>
    public static string ColumnSql { get; } =
        string.Join(
            " | ",
            Enum.GetValues<GuaranteeType>()
                .Select(type => $"CASE WHEN '{type}' = ANY (guarantee_types) THEN {1 << (int)type} ELSE 0 END")
        );
}

public enum ProductStatus
{
    Draft,
    Published,
    Withdrawn,
}

/// <summary>Who a product is for: every field that is set is a rule the firm must pass.</summary>
public sealed record Eligibility(
    string? MinGrade = null,
    int? MinScore = null,
    double? MinYearsInOperation = null,
    decimal? MinAnnualTaxPaid = null,
    int? MinInsuredEmployees = null,
    bool ExcludeDishonestDebtors = true,
    int? ExcludeSeriousPenaltiesMonths = null,
    IReadOnlyList<Guid>? Lists = null
)
{
    /// <summary>The lists a firm must be on one of (a department's whitelist or pool); empty: any firm.</summary>
    public IReadOnlyList<Guid> RequiredLists => Lists ?? [];
}

/// <summary>
/// List-specific terms: a firm on any of <paramref name="Lists"/> (valid lists only) is offered the product's rates less
/// <paramref name="RateDiscount"/> percentage points.
/// </summary>
public sealed record ListTerms(IReadOnlyList<Guid> Lists, decimal RateDiscount);

/// <summary>Everything a bank states about a loan product; an edit replaces them all and makes a new version.</summary>
public sealed record ProductTerms(
    string Name,
    string Description,
    decimal MinAmount,
    decimal MaxAmount,
    int MinTermMonths,
    int MaxTermMonths,
    decimal MinAnnualRate,
    decimal MaxAnnualRate,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    IReadOnlyList<string> DivisionPrefixes,
    IReadOnlyList<string> IndustryInclude,
    IReadOnlyList<string> IndustryExclude,
    Eligibility Eligibility,
    IReadOnlyList<string> Tags,
    ListTerms? ListTerms = null
);

/// <summary>
/// A bank's loan product. Its terms are columns, so the matching engine can filter published products in SQL; every edit
/// is a new version, and the terms of each version are kept (<see cref="ProductVersion"/>) because matches refer to the
/// version they were made from.
/// </summary>
public sealed class Product
{
    private Product() { }

    public Guid Id { get; private set; }
    public Guid InstitutionId { get; private set; }
    public int Version { get; private set; }
    public ProductStatus Status { get; private set; }
    public string Name { get; private set; } = null!;
    public string Description { get; private set; } = null!;
    public decimal MinAmount { get; private set; }
    public decimal MaxAmount { get; private set; }
    public int MinTermMonths { get; private set; }
    public int MaxTermMonths { get; private set; }
    public decimal MinAnnualRate { get; private set; }
    public decimal MaxAnnualRate { get; private set; }
    public List<GuaranteeType> GuaranteeTypes { get; private set; } = [];
    public List<string> DivisionPrefixes { get; private set; } = [];
    public List<string> IndustryInclude { get; private set; } = [];
    public List<string> IndustryExclude { get; private set; } = [];
    public string? MinGrade { get; private set; }
    public int? MinScore { get; private set; }
    public double? MinYearsInOperation { get; private set; }
    public decimal? MinAnnualTaxPaid { get; private set; }
    public int? MinInsuredEmployees { get; private set; }
    public bool ExcludeDishonestDebtors { get; private set; }
    public int? ExcludeSeriousPenaltiesMonths { get; private set; }
    public List<string> Tags { get; private set; } = [];

    /// <summary>The lists a firm must be on one of (<see cref="Eligibility.Lists"/>); empty: any firm.</summary>
    public List<Guid> EligibleLists { get; private set; } = [];

    /// <summary>The lists whose firms get <see cref="ListRateDiscount"/> (<see cref="ListTerms"/>).</summary>
    public List<Guid> DiscountLists { get; private set; } = [];
    public decimal? ListRateDiscount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public ProductTerms Terms =>
        new(
            Name,
            Description,
            MinAmount,
            MaxAmount,
            MinTermMonths,
            MaxTermMonths,
            MinAnnualRate,
            MaxAnnualRate,
            GuaranteeTypes,
            DivisionPrefixes,
            IndustryInclude,
            IndustryExclude,
            new Eligibility(
                MinGrade,
                MinScore,
                MinYearsInOperation,
                MinAnnualTaxPaid,
                MinInsuredEmployees,
                ExcludeDishonestDebtors,
                ExcludeSeriousPenaltiesMonths,
                EligibleLists
            ),
            Tags,
            ListRateDiscount is { } discount ? new ListTerms(DiscountLists, discount) : null
        );

    public static (Product Product, ProductVersion Version) Create(
        Guid institutionId,
        ProductTerms terms,
        DateTimeOffset now
    )
    {
        var product = new Product
        {
            Id = Guid.CreateVersion7(now),
            InstitutionId = institutionId,
            Status = ProductStatus.Draft,
            CreatedAt = now,
        };
        return (product, product.Revise(terms, now));
    }

    /// <summary>Replaces the terms as a new version; matches already made keep the version they were made from.</summary>
    public ProductVersion Revise(ProductTerms terms, DateTimeOffset now)
    {
        Version++;
        Name = terms.Name.Trim();
        Description = terms.Description.Trim();
        MinAmount = terms.MinAmount;
        MaxAmount = terms.MaxAmount;
        MinTermMonths = terms.MinTermMonths;
        MaxTermMonths = terms.MaxTermMonths;
        MinAnnualRate = terms.MinAnnualRate;
        MaxAnnualRate = terms.MaxAnnualRate;
        GuaranteeTypes = terms.GuaranteeTypes.Distinct().Order().ToList();
        DivisionPrefixes = terms.DivisionPrefixes.Distinct().Order(StringComparer.Ordinal).ToList();
        IndustryInclude = terms
            .IndustryInclude.Select(p => p.ToUpperInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        IndustryExclude = terms
            .IndustryExclude.Select(p => p.ToUpperInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        MinGrade = terms.Eligibility.MinGrade;
        MinScore = terms.Eligibility.MinScore;
        MinYearsInOperation = terms.Eligibility.MinYearsInOperation;
        MinAnnualTaxPaid = terms.Eligibility.MinAnnualTaxPaid;
        MinInsuredEmployees = terms.Eligibility.MinInsuredEmployees;
        ExcludeDishonestDebtors = terms.Eligibility.ExcludeDishonestDebtors;
        ExcludeSeriousPenaltiesMonths = terms.Eligibility.ExcludeSeriousPenaltiesMonths;
        EligibleLists = terms.Eligibility.RequiredLists.Distinct().Order().ToList();
        DiscountLists = terms.ListTerms?.Lists.Distinct().Order().ToList() ?? [];
        ListRateDiscount = terms.ListTerms?.RateDiscount;
        Tags = terms
            .Tags.Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        UpdatedAt = now;
        return ProductVersion.Of(this, now);
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status == ProductStatus.Published)
            throw new ConflictException("The product is already published.");
        Status = ProductStatus.Published;
        PublishedAt = now;
        UpdatedAt = now;
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (Status != ProductStatus.Published)
            throw new ConflictException(
                $"Only a published product can be withdrawn; this one is {Status.ToString().ToLowerInvariant()}."
            );
        Status = ProductStatus.Withdrawn;
        UpdatedAt = now;
    }
}

/// <summary>The terms of one version of a product, as they were when that version was made.</summary>
public sealed class ProductVersion
{
    private ProductVersion() { }

    public Guid ProductId { get; private set; }
    public int Version { get; private set; }
    public string Terms { get; private set; } = null!;
    public DateTimeOffset CreatedAt { get; private set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProductVersion Of(Product product, DateTimeOffset now) =>
        new()
        {
            ProductId = product.Id,
            Version = product.Version,
            Terms = JsonSerializer.Serialize(product.Terms, Json),
            CreatedAt = now,
        };

    public ProductTerms ReadTerms() => JsonSerializer.Deserialize<ProductTerms>(Terms, Json)!;
}
