using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Departments;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Code).HasMaxLength(32);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.PrimitiveCollection(d => d.FeedTypes).ElementType(e => e.HasConversion<string>());
    }
}
