using System.Text.Json;
using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Guarantees;

public enum GuaranteeProductStatus
{
    Draft,
    Published,
    Withdrawn,
}

/// <summary>What a guarantor or insurer offers: the share of a loan it covers, its fee, the loans it takes.</summary>
public sealed record GuaranteeTerms(
    string Name,
    string Description,
    decimal CoverageRatio,
    decimal AnnualFeeRate,
    decimal MinAmount,
    decimal MaxAmount,
    decimal Capacity,
    IReadOnlyList<string> DivisionPrefixes,
    IReadOnlyList<string> IndustryPrefixes,
    Products.Eligibility Eligibility
)
{
    /// <summary>
    /// The rules a loan must pass to be covered: the amount, division, industry and eligibility, checked by the loan
    /// products' own rules (<see cref="Matching.MatchRules"/>), so a guarantor's rule means what a bank's means.
    /// </summary>
    public IReadOnlyList<Matching.RuleCheck> Evaluate(Matching.LoanAsk ask, Matching.Applicant firm) =>
        Matching.MatchRules.Evaluate(
            new Products.ProductTerms(
                Name,
                Description,
                MinAmount,
                MaxAmount,
                1,
                int.MaxValue,
                0,
                decimal.MaxValue,
                [Products.GuaranteeType.Guarantee],
                DivisionPrefixes,
                IndustryPrefixes,
                [],
                Eligibility,
                []
            ),
            ask with
            {
                GuaranteeTypes = [Products.GuaranteeType.Guarantee],
                MaxAnnualRate = null,
            },
            firm
        );
}

/// <summary>
/// A guarantee product (政府性融资担保, 贷款保证保险) of a guarantor or insurer: it covers <c>coverageRatio</c> of a bank's loan
/// of the firms its eligibility admits (the same rules as loan products), for an annual fee, up to a total
/// <c>capacity</c> of guaranteed principal. Drafts are its own; published ones are public; withdrawn ones take no more loans.
/// </summary>
public sealed class GuaranteeProduct
{
    private GuaranteeProduct() { }

    public Guid Id { get; private set; }
    public Guid InstitutionId { get; private set; }

    /// <summary>The terms as JSON (<see cref="ReadTerms"/>): read whole, never queried field by field.</summary>
    public string Terms { get; private set; } = "{}";
    public GuaranteeProductStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>
    /// The principal its guarantees hold of <see cref="GuaranteeTerms.Capacity"/>: approved and running ones. Moved only
    /// by conditional UPDATEs that keep it within the capacity, never through this entity.
    /// </summary>
    public decimal Committed { get; private set; }
    public uint RowVersion { get; private set; }

    public static GuaranteeProduct Create(Guid institutionId, GuaranteeTerms terms, DateTimeOffset now)
    {
        if (terms.MinAmount > terms.MaxAmount)
            throw UnprocessableException.For("maxAmount", "maxAmount must be at least minAmount.");
        if (terms.CoverageRatio is <= 0 or > 1)
            throw UnprocessableException.For("coverageRatio", "coverageRatio lies in (0, 1].");
        return new()
        {
            Id = Guid.CreateVersion7(now),
            InstitutionId = institutionId,
            Terms = JsonSerializer.Serialize(terms, Json),
            Status = GuaranteeProductStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public GuaranteeTerms ReadTerms() => JsonSerializer.Deserialize<GuaranteeTerms>(Terms, Json)!;

    public void Publish(DateTimeOffset now)
    {
        Move(GuaranteeProductStatus.Published, now, GuaranteeProductStatus.Draft, GuaranteeProductStatus.Withdrawn);
        PublishedAt = now;
    }

    public void Withdraw(DateTimeOffset now) =>
        Move(GuaranteeProductStatus.Withdrawn, now, GuaranteeProductStatus.Published);

    private void Move(GuaranteeProductStatus to, DateTimeOffset now, params GuaranteeProductStatus[] from)
    {
        if (!from.Contains(Status))
            throw new ConflictException($"A guarantee product that is {Status.Wire()} cannot become {to.Wire()}.");
        Status = to;
        UpdatedAt = now;
    }
}

internal sealed class GuaranteeProductConfiguration : IEntityTypeConfiguration<GuaranteeProduct>
{
    public void Configure(EntityTypeBuilder<GuaranteeProduct> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.RowVersion).IsRowVersion();
        builder.Property(p => p.Terms).HasColumnType("jsonb");
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(p => p.InstitutionId);
        builder.HasIndex(p => new { p.Status, p.InstitutionId });
        builder.ToTable(t => t.HasCheckConstraint("ck_guarantee_products_committed", "committed >= 0"));
    }
}
