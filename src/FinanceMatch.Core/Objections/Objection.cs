using FinanceMatch.Core.Common;
using FinanceMatch.Core.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Objections;

public enum ObjectionStatus
{
    Open,
    Corrected,
    Rejected,
}

/// <summary>
/// A firm disputing one of its records (feed type + record key, the natural key without the USCC). While open the record
/// is shown disputed in every report; an operator closes it as corrected (the department fixed the record) or rejected,
/// with a note. One open objection per record.
/// </summary>
public sealed class Objection
{
    public const int OverdueAfterDays = 20;

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string Uscc { get; private set; } = null!;
    public FeedType FeedType { get; private set; }
    public string RecordKey { get; private set; } = null!;

    /// <summary>The department whose record is disputed, for its feed's health figures.</summary>
    public Guid DepartmentId { get; private set; }
    public string Reason { get; private set; } = null!;
    public ObjectionStatus Status { get; private set; }
    public string? ResolutionNote { get; private set; }
    public Guid? ResolvedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static Objection Open(
        Guid enterpriseId,
        string uscc,
        FeedType feedType,
        string recordKey,
        Guid departmentId,
        string reason,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            EnterpriseId = enterpriseId,
            Uscc = uscc,
            FeedType = feedType,
            RecordKey = recordKey,
            DepartmentId = departmentId,
            Reason = reason,
            Status = ObjectionStatus.Open,
            CreatedAt = now,
        };

    /// <summary>An open objection filed at or before this moment is overdue; queries filter by it, <see cref="IsOverdue"/> tests it.</summary>
    public static DateTimeOffset OverdueCutoff(DateTimeOffset now) => now.AddDays(-OverdueAfterDays);

    public bool IsOverdue(DateTimeOffset now) => Status == ObjectionStatus.Open && CreatedAt <= OverdueCutoff(now);

    public void Resolve(ObjectionStatus outcome, string note, Guid operatorId, DateTimeOffset now)
    {
        if (outcome == ObjectionStatus.Open)
            throw new ArgumentOutOfRangeException(
                nameof(outcome),
                "An objection is resolved as corrected or rejected."
            );
        if (Status != ObjectionStatus.Open)
            throw new ConflictException(
                $"The objection was already resolved as {WireNames.Wire(Status)} on {ResolvedAt:yyyy-MM-dd}."
            );
        (Status, ResolutionNote, ResolvedBy, ResolvedAt) = (outcome, note, operatorId, now);
    }
}

internal sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Uscc).HasMaxLength(Uscc.Length).IsFixedLength();
        builder.Property(o => o.FeedType).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.RecordKey).HasMaxLength(100);
        builder.Property(o => o.Reason).HasMaxLength(2000);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ResolutionNote).HasMaxLength(2000);
        builder.Property(o => o.RowVersion).IsRowVersion();
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(o => o.EnterpriseId);
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(o => o.DepartmentId);
        // Reports ask "is this record disputed?"; a second open objection on one record is refused.
        builder
            .HasIndex(o => new
            {
                o.Uscc,
                o.FeedType,
                o.RecordKey,
            })
            .IsUnique()
            .HasFilter("status = 'Open'")
            .HasDatabaseName("ux_objections_one_open_per_record");
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => new { o.EnterpriseId, o.CreatedAt });
    }
}
