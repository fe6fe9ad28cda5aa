using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Enterprises;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Uscc).HasMaxLength(18).IsFixedLength();
        builder.HasIndex(e => e.Uscc).IsUnique();
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.LegalRepresentative).HasMaxLength(100);
        builder.Property(e => e.DivisionCode).HasMaxLength(6).IsFixedLength();
        builder.Property(e => e.IndustryCode).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(e => e.DivisionCode);
        builder.HasIndex(e => e.IndustryCode);
    }
}
