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

/// <summary>Who closed an objection.</summary>
public enum ObjectionCloser
{
    /// <summary>The department that supplied the record rejected the objection, with its reason.</summary>
    Department,

    /// <summary>The department pushed the corrected record: the batch that wrote it closed the objection.</summary>
    CorrectedRecord,

    /// <summary>An operator decided an objection the department left unanswered past its 20 days.</summary>
    Operator,
}

/// <summary>
/// A firm disputing one of its records (feed type + record key, the natural key without the USCC). While open the record
/// is shown disputed in every report. The department that supplied the record answers it (征信业管理条例 art. 25: within
/// 20 days): <c>rejected</c> with a reason closes it; <c>corrected</c> promises the corrected record, and the batch that
/// writes it closes the objection (a push alone does too). Operators decide only objections left unanswered past the 20
/// days. One open objection per record.
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
    public ObjectionCloser? ClosedBy { get; private set; }

    /// <summary>The department answered <c>corrected</c>: the corrected record is on its way (the objection stays open until it arrives).</summary>
    public DateTimeOffset? CorrectionPromisedAt { get; private set; }
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

    /// <summary>
    /// Open past its due day: 20 days after filing for an answer, or 20 days after a <c>corrected</c> answer for the
    /// corrected record (a promise does not keep an objection away from operators for ever). Queries compare
    /// <c>(CorrectionPromisedAt ?? CreatedAt) &lt;= OverdueCutoff(now)</c>, the same rule.
    /// </summary>
    public bool IsOverdue(DateTimeOffset now) =>
        Status == ObjectionStatus.Open && (CorrectionPromisedAt ?? CreatedAt) <= OverdueCutoff(now);

    /// <summary>The day the department's 20 days end: to answer, or, once it answered corrected, to push the record.</summary>
    public DateTimeOffset DueBy => (CorrectionPromisedAt ?? CreatedAt).AddDays(OverdueAfterDays);

    /// <summary>
    /// The supplying department answers: <c>rejected</c> closes the objection with its reason; <c>corrected</c> records the
    /// promise and the note, and the objection stays open (the record disputed) until the corrected record is pushed.
    /// </summary>
    public void Answer(ObjectionStatus outcome, string note, Guid departmentId, DateTimeOffset now)
    {
        EnsureOpen(outcome);
        if (departmentId != DepartmentId)
            throw new ForbiddenException("Only the department that supplied the record answers the objection.");
        if (outcome == ObjectionStatus.Rejected)
        {
            (Status, ResolutionNote, ResolvedBy, ResolvedAt, ClosedBy) = (
                outcome,
                note,
                departmentId,
                now,
                ObjectionCloser.Department
            );
            return;
        }
        if (CorrectionPromisedAt is not null)
            throw new ConflictException(
                "The department already answered corrected; push the corrected record to close it."
            );
        (CorrectionPromisedAt, ResolutionNote) = (now, note);
    }

    /// <summary>An operator decides an objection the department left unanswered past its 20 days; never before.</summary>
    public void Decide(ObjectionStatus outcome, string note, Guid operatorId, DateTimeOffset now)
    {
        EnsureOpen(outcome);
        if (!IsOverdue(now))
            throw new ConflictException(
                CorrectionPromisedAt is null
                    ? $"The department that supplied the record answers it until {DueBy:yyyy-MM-dd}; operators decide only overdue objections."
                    : $"The department answered corrected and has until {DueBy:yyyy-MM-dd} to push the corrected record, which closes the objection."
            );
        (Status, ResolutionNote, ResolvedBy, ResolvedAt, ClosedBy) = (
            outcome,
            note,
            operatorId,
            now,
            ObjectionCloser.Operator
        );
    }

    private void EnsureOpen(ObjectionStatus outcome)
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
        builder.Property(o => o.ClosedBy).HasConversion<string>().HasMaxLength(16);
        // A department works its own objections: those on its records, open first.
        builder.HasIndex(o => new
        {
            o.DepartmentId,
            o.Status,
            o.CreatedAt,
        });
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
