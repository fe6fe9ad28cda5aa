using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Profiles;

/// <summary>
/// The current credit profile of a registered firm, rebuilt set-based from its feed data. Flags and headline metrics are
/// columns (matching and statistics filter on them); the explanation (dimensions, factors, all metrics) is JSON.
/// </summary>
public sealed class CreditProfile
{
    public string Uscc { get; set; } = null!;
    public Guid EnterpriseId { get; set; }
    public bool Rated { get; set; }
    public int? Score { get; set; }
    public string? Grade { get; set; }
    public string ModelVersion { get; set; } = null!;
    public DateTimeOffset ComputedAt { get; set; }
    public int TaxMonths { get; set; }
    public int SocialSecurityMonths { get; set; }
    public int UtilityMonths { get; set; }
    public bool DishonestDebtor { get; set; }
    public bool SeriousPenaltyLast36Months { get; set; }
    public bool TaxArrears { get; set; }
    public bool SocialSecurityArrears { get; set; }
    public bool UtilityOverdue { get; set; }
    public decimal TaxPaidLast12Months { get; set; }
    public int? InsuredEmployeesLatest { get; set; }

    /// <summary>The market regulator reports the firm abnormal, revoked or deregistered, or lists it.</summary>
    public bool RegistrationAbnormal { get; set; }

    /// <summary>Real estate of the firm's is seized and not released.</summary>
    public bool OpenSeizure { get; set; }

    /// <summary>The grade caps that applied (a cap's code), empty when the points alone made the grade.</summary>
    public string[] Caps { get; set; } = [];
    public string Dimensions { get; set; } = "[]";
    public string Factors { get; set; } = "[]";
    public string Metrics { get; set; } = "{}";
}

/// <summary>A snapshot kept whenever a rebuild changes a firm's score, grade or model version.</summary>
public sealed class CreditProfileSnapshot
{
    public string Uscc { get; set; } = null!;
    public DateTimeOffset ComputedAt { get; set; }
    public int? Score { get; set; }
    public string? Grade { get; set; }
    public string ModelVersion { get; set; } = null!;
}

internal sealed class CreditProfileConfiguration : IEntityTypeConfiguration<CreditProfile>
{
    public void Configure(EntityTypeBuilder<CreditProfile> builder)
    {
        builder.HasKey(p => p.Uscc);
        builder.Property(p => p.Uscc).HasMaxLength(18).IsFixedLength();
        builder.HasIndex(p => p.EnterpriseId).IsUnique();
        builder.HasIndex(p => p.Grade);
        builder.Property(p => p.Grade).HasMaxLength(3);
        builder.Property(p => p.ModelVersion).HasMaxLength(16);
        builder.Property(p => p.Dimensions).HasColumnType("jsonb");
        builder.Property(p => p.Factors).HasColumnType("jsonb");
        builder.Property(p => p.Metrics).HasColumnType("jsonb");
        builder.Property(p => p.Caps).HasDefaultValueSql("'{}'::text[]");
    }
}

internal sealed class CreditProfileSnapshotConfiguration : IEntityTypeConfiguration<CreditProfileSnapshot>
{
    public void Configure(EntityTypeBuilder<CreditProfileSnapshot> builder)
    {
        builder.ToTable("credit_profile_history");
        builder.HasKey(s => new
        {
            s.Uscc,
            s.ComputedAt,
            s.ModelVersion,
        });
        builder.Property(s => s.Uscc).HasMaxLength(18).IsFixedLength();
        builder.Property(s => s.Grade).HasMaxLength(3);
        builder.Property(s => s.ModelVersion).HasMaxLength(16);
    }
}
