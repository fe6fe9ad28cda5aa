using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Institutions;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Code).HasMaxLength(32);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(i => i.Lends);
        builder.Ignore(i => i.Guarantees);
        builder.HasIndex(i => i.Code).IsUnique();
    }
}
