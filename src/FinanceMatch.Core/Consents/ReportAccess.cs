using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Consents;

public enum AccessActor
{
    Bank,
    Operator,
}

/// <summary>
/// One read of a firm's credit data (its report, or an operator's read of its profile or history), written in the same
/// transaction as the read. The records of one firm form a hash chain (<see cref="Position"/> 1, 2, …; each
/// <see cref="Hash"/> covers the previous one), so a record changed, removed or inserted afterwards shows.
/// </summary>
public sealed class ReportAccess
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public AccessActor ActorRole { get; set; }
    public Guid? InstitutionId { get; set; }
    public string? OperatorClientId { get; set; }
    public Guid? ConsentId { get; set; }
    public List<ConsentScope> Scopes { get; set; } = [];

    /// <summary>The purpose the bank asked to read for; none for an operator's supervisory read.</summary>
    public ConsentPurpose? Purpose { get; set; }
    public DateTimeOffset AccessedAt { get; set; }
    public int Position { get; set; }
    public string PreviousHash { get; set; } = null!;
    public string Hash { get; set; } = null!;
}

/// <summary>The head of one firm's access chain: the row every appending transaction locks, so appends are serial per firm.</summary>
public sealed class ReportAccessChain
{
    public Guid EnterpriseId { get; set; }
    public int Length { get; set; }
    public string LastHash { get; set; } = null!;
}

internal sealed class ReportAccessConfiguration : IEntityTypeConfiguration<ReportAccess>
{
    public void Configure(EntityTypeBuilder<ReportAccess> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorRole).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.OperatorClientId).HasMaxLength(64);
        builder.PrimitiveCollection(a => a.Scopes).ElementType(e => e.HasConversion<string>());
        builder.Property(a => a.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => new { a.EnterpriseId, a.AccessedAt });
        builder.HasIndex(a => new { a.EnterpriseId, a.Position }).IsUnique();
        builder.HasOne<Consent>().WithMany().HasForeignKey(a => a.ConsentId);
    }
}

internal sealed class ReportAccessChainConfiguration : IEntityTypeConfiguration<ReportAccessChain>
{
    public void Configure(EntityTypeBuilder<ReportAccessChain> builder)
    {
        builder.HasKey(c => c.EnterpriseId);
        builder.Property(c => c.EnterpriseId).ValueGeneratedNever();
        builder.Property(c => c.LastHash).HasMaxLength(64);
    }
}
