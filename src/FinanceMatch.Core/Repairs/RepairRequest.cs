using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Repairs;

public enum RepairStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// 信用修复: a firm asks the department that supplied one of its penalties to stop it counting before its publicity ends,
/// with evidence that it put things right (a statement and up to <see cref="RepairEvidence.MaxFiles"/> files). The
/// department decides: an approval stops the penalty counting from that day (the next rebuild raises the score); a
/// refusal says why. One pending request per penalty; the decision is final.
/// </summary>
public sealed class RepairRequest
{
    public const int MaxStatementLength = 4000;

    private RepairRequest() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string Uscc { get; private set; } = null!;

    /// <summary>The department that supplied the penalty: it decides.</summary>
    public Guid DepartmentId { get; private set; }
    public string DecisionNo { get; private set; } = null!;
    public string Statement { get; private set; } = null!;
    public RepairStatus Status { get; private set; }
    public string? DecisionNote { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The day an approval stopped the penalty counting.</summary>
    public DateOnly? RepairedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public uint RowVersion { get; private set; }
    public List<RepairAttachment> Attachments { get; private set; } = [];

    public static RepairRequest Open(
        Guid enterpriseId,
        string uscc,
        Guid departmentId,
        string decisionNo,
        string statement,
        IReadOnlyList<RepairAttachment> attachments,
        DateTimeOffset now
    )
    {
        if (attachments.Count > RepairEvidence.MaxFiles)
            throw UnprocessableException.For("files", $"At most {RepairEvidence.MaxFiles} files.");
        var id = Guid.CreateVersion7(now);
        foreach (var attachment in attachments)
            attachment.RepairRequestId = id;
        return new()
        {
            Id = id,
            EnterpriseId = enterpriseId,
            Uscc = uscc,
            DepartmentId = departmentId,
            DecisionNo = decisionNo,
            Statement = statement,
            Status = RepairStatus.Pending,
            CreatedAt = now,
            Attachments = [.. attachments],
        };
    }

    /// <summary>The supplying department approves: the penalty stops counting from today.</summary>
    public void Approve(Guid departmentId, string note, DateTimeOffset now)
    {
        Decide(departmentId, RepairStatus.Approved, note, now);
        RepairedOn = DateOnly.FromDateTime(now.UtcDateTime);
    }

    public void Reject(Guid departmentId, string note, DateTimeOffset now) =>
        Decide(departmentId, RepairStatus.Rejected, note, now);

    private void Decide(Guid departmentId, RepairStatus outcome, string note, DateTimeOffset now)
    {
        if (departmentId != DepartmentId)
            throw new ForbiddenException("Only the department that supplied the penalty decides its repair.");
        if (Status != RepairStatus.Pending)
            throw new ConflictException(
                $"The repair request was already {WireNames.Wire(Status)} on {DecidedAt:yyyy-MM-dd}."
            );
        (Status, DecisionNote, DecidedAt) = (outcome, note, now);
    }
}

/// <summary>A file of evidence: kept in the database with the request (they are small and few), served back only to those who see the request.</summary>
public sealed class RepairAttachment
{
    public Guid Id { get; set; }
    public Guid RepairRequestId { get; set; }
    public int Position { get; set; }
    public string FileName { get; set; } = null!;
    public string ContentType { get; set; } = null!;
    public int Size { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>
/// What evidence may be attached: PDF, PNG or JPEG, at most 5 files of 2 MiB each. The declared content type must be one of
/// those and the bytes must start the way such a file does: a file is judged by what it is, not by what it is called.
/// No virus scan (the platform never opens the files; the department's own tools do).
/// </summary>
public static class RepairEvidence
{
    public const int MaxFiles = 5;
    public const int MaxFileBytes = 2 * 1024 * 1024;

    private static readonly (string ContentType, byte[] Magic)[] Allowed =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    public static IEnumerable<string> ContentTypes => Allowed.Select(a => a.ContentType);

    /// <summary>Why the file cannot be evidence, or null when it can.</summary>
    public static string? Check(string fileName, string? contentType, ReadOnlySpan<byte> content)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200)
            return "Each file needs a name of at most 200 characters.";
        if (content.Length == 0)
            return $"{fileName} is empty.";
        if (content.Length > MaxFileBytes)
            return $"{fileName} is larger than {MaxFileBytes / (1024 * 1024)} MiB.";
        var declared = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        var allowed = Allowed.FirstOrDefault(a => a.ContentType == declared);
        if (allowed.ContentType is null)
            return $"{fileName}: the content type must be one of {string.Join(", ", ContentTypes)}.";
        if (!content.StartsWith(allowed.Magic))
            return $"{fileName} does not hold what its type says ({declared}): its first bytes are not those of such a file.";
        return null;
    }
}

internal sealed class RepairRequestConfiguration : IEntityTypeConfiguration<RepairRequest>
{
    public void Configure(EntityTypeBuilder<RepairRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Uscc).HasMaxLength(Uscc.Length).IsFixedLength();
        builder.Property(r => r.DecisionNo).HasMaxLength(64);
        builder.Property(r => r.Statement).HasMaxLength(RepairRequest.MaxStatementLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.DecisionNote).HasMaxLength(2000);
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId);
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(r => r.DepartmentId);
        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RepairRequestId);
        builder.Navigation(r => r.Attachments).AutoInclude(false);
        // One pending request per penalty: a second while the first waits is refused by the database.
        builder
            .HasIndex(r => new { r.DepartmentId, r.DecisionNo })
            .IsUnique()
            .HasFilter("status = 'Pending'")
            .HasDatabaseName("ux_repair_requests_one_pending_per_penalty");
        builder.HasIndex(r => new { r.EnterpriseId, r.CreatedAt });
        builder.HasIndex(r => new
        {
            r.DepartmentId,
            r.Status,
            r.CreatedAt,
        });
    }
}

internal sealed class RepairAttachmentConfiguration : IEntityTypeConfiguration<RepairAttachment>
{
    public void Configure(EntityTypeBuilder<RepairAttachment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(64);
        builder.HasIndex(a => new { a.RepairRequestId, a.Position }).IsUnique();
    }
}
