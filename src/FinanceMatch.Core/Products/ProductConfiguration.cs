using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Products;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.MinAnnualRate).HasPrecision(7, 4);
        builder.Property(p => p.MaxAnnualRate).HasPrecision(7, 4);
        builder.PrimitiveCollection(p => p.GuaranteeTypes).ElementType(e => e.HasConversion<string>());
        builder.Property(p => p.MinGrade).HasMaxLength(3);
        builder.Property(p => p.RowVersion).IsRowVersion();
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(p => p.InstitutionId);
        builder.HasIndex(p => new { p.InstitutionId, p.CreatedAt });
        // The matching engine's first cut: published products whose amount and term ranges hold the request.
        builder
            .HasIndex(p => new
            {
                p.MinAmount,
                p.MaxAmount,
                p.MinTermMonths,
                p.MaxTermMonths,
            })
            .HasFilter("status = 'Published'")
            .HasDatabaseName("ix_products_published_ranges");
        builder.HasIndex(p => p.Tags).HasMethod("gin");
        builder.Property(p => p.ListRateDiscount).HasPrecision(7, 4);
        builder.ToTable(t =>
            t.HasCheckConstraint(
                "ck_products_list_terms",
                "(list_rate_discount IS NULL) = (cardinality(discount_lists) = 0) AND (list_rate_discount IS NULL OR list_rate_discount < min_annual_rate)"
            )
        );

        // The parts of the fit score that depend on the product alone, computed by PostgreSQL when a product is written, so
        // the matching query (BestProductOfEachBankQuery) does no numeric arithmetic per product and request.
        builder
            .Property<int>("FitPricePoints")
            .HasComputedColumnSql(
                "financematch.fit_points(40, financematch.fit_clamp(((12 - min_annual_rate) / 9)::double precision))",
                stored: true
            );
        builder.Property<double>("LogMinAmount").HasComputedColumnSql("ln(min_amount::double precision)", stored: true);
        builder.Property<double>("LogMaxAmount").HasComputedColumnSql("ln(max_amount::double precision)", stored: true);
        builder
            .Property<double?>("MinAnnualTaxPaidAsDouble")
            .HasComputedColumnSql("min_annual_tax_paid::double precision", stored: true);
        builder.Property<int>("GuaranteeMask").HasComputedColumnSql(GuaranteeMask.ColumnSql, stored: true);
    }
}

internal sealed class ProductVersionConfiguration : IEntityTypeConfiguration<ProductVersion>
{
    public void Configure(EntityTypeBuilder<ProductVersion> builder)
    {
        builder.HasKey(v => new { v.ProductId, v.Version });
        builder.Property(v => v.Terms).HasColumnType("jsonb");
        builder.HasOne<Product>().WithMany().HasForeignKey(v => v.ProductId);
    }
}
