using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Enterprises;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    /// <summary>Only a verified registration holds its USCC; pending claims of one USCC may be many.</summary>
    public const string VerifiedUsccIndex = "ux_enterprises_verified_uscc";

    public void Configure(EntityTypeBuilder<Enterprise> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Uscc).HasMaxLength(18).IsFixedLength();
        builder.HasIndex(e => e.Uscc, "ix_enterprises_uscc").HasDatabaseName("ix_enterprises_uscc");
        builder
            .HasIndex(e => e.Uscc, VerifiedUsccIndex)
            .HasDatabaseName(VerifiedUsccIndex)
            .IsUnique()
            .HasFilter("verification = 'Verified'");
        builder.Property(e => e.Name).HasMaxLength(200);
        builder.Property(e => e.LegalRepresentative).HasMaxLength(100);
        builder.Property(e => e.DivisionCode).HasMaxLength(6).IsFixedLength();
        builder.Property(e => e.IndustryCode).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(e => e.DivisionCode);
        builder.HasIndex(e => e.IndustryCode);
        builder.Property(e => e.Verification).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.VerificationMethod).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.VerificationDecidedBy).HasMaxLength(200);
        builder.Property(e => e.VerificationNote).HasMaxLength(2000);
        builder
            .HasIndex(e => new { e.Verification, e.RegisteredAt }, "ix_enterprises_verification_queue")
            .HasDatabaseName("ix_enterprises_verification_queue")
            .HasFilter("verification = 'Pending'");
        builder.Property(e => e.RowVersion).IsRowVersion();
        builder.Ignore(e => e.IsVerified);
        builder.Ignore(e => e.VerifiedAt);
    }
}

/// <summary>A licence assertion's <c>jti</c>, kept so that the assertion cannot be presented a second time.</summary>
public sealed class UsedLicenceAssertion
{
    public string Jti { get; set; } = null!;
    public Guid EnterpriseId { get; set; }
    public DateTimeOffset UsedAt { get; set; }
}

internal sealed class UsedLicenceAssertionConfiguration : IEntityTypeConfiguration<UsedLicenceAssertion>
{
    public void Configure(EntityTypeBuilder<UsedLicenceAssertion> builder)
    {
        builder.ToTable("used_licence_assertions");
        builder.HasKey(a => a.Jti);
        builder.Property(a => a.Jti).HasMaxLength(200);
    }
}
