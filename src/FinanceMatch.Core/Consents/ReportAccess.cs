using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Consents;

/// <summary>One successful read of a firm's report, written in the same transaction as the read itself.</summary>
public sealed class ReportAccess
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public Guid InstitutionId { get; set; }
    public Guid ConsentId { get; set; }
    public List<ConsentScope> Scopes { get; set; } = [];
    public ConsentPurpose Purpose { get; set; }
    public DateTimeOffset AccessedAt { get; set; }
}

internal sealed class ReportAccessConfiguration : IEntityTypeConfiguration<ReportAccess>
{
    public void Configure(EntityTypeBuilder<ReportAccess> builder)
    {
        builder.HasKey(a => a.Id);
        builder.PrimitiveCollection(a => a.Scopes).ElementType(e => e.HasConversion<string>());
        builder.Property(a => a.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => new { a.EnterpriseId, a.AccessedAt });
        builder.HasOne<Consent>().WithMany().HasForeignKey(a => a.ConsentId);
    }
}
