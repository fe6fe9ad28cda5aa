using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Profiles;

public enum RebuildRunKind
{
    /// <summary>Every verified firm rebuilt with the version in force: an operator's recompute, or the nightly one.</summary>
    Recompute,

    /// <summary>The platform moved to another model version: every verified firm rebuilt with it, scored by both.</summary>
    SwitchOver,
}

public enum RebuildRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// A rebuild of every verified firm's profile in steps, USCC order, each step its own transaction holding the run's
/// progress (<see cref="Done"/> of <see cref="Total"/>), so a crash resumes after <see cref="LastUscc"/> and no firm is
/// recorded twice. A recompute (an operator's, or the nightly one) waits in the queue until no other rebuild of every firm
/// runs and scores with the version in force. A switch-over moves the platform to another version, in force from the
/// moment it is asked (so it runs at once, and is never given up), and records each firm's score by both versions. One
/// run of each kind is queued or running at a time.
/// </summary>
public sealed class ProfileRebuildRun
{
    /// <summary>How many times in a row a recompute's step may fail before the recompute is given up as failed.</summary>
    public const int MaxFailedAttempts = 3;

    public const int MaxFailureReasonLength = 500;

    private ProfileRebuildRun() { }

    public Guid Id { get; private set; }
    public RebuildRunKind Kind { get; private set; }

    /// <summary>A switch-over's version left (null: the deployment's first version) and its target; null for a recompute.</summary>
    public string? FromVersion { get; private set; }
    public string? ToVersion { get; private set; }
    public RebuildRunStatus Status { get; private set; }
    public int Total { get; private set; }
    public int Done { get; private set; }
    public string? LastUscc { get; private set; }

    /// <summary>The operator's client id; null for the nightly recompute, which the schedule asks for.</summary>
    public string? RequestedBy { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Steps failed in a row since the last one that committed, and why the latest failed.</summary>
    public int FailedAttempts { get; private set; }
    public string? FailureReason { get; private set; }

    public bool IsActive => Status is RebuildRunStatus.Queued or RebuildRunStatus.Running;

    /// <summary>A recompute of every verified firm (<paramref name="total"/> now), queued until the rebuild lock is free.</summary>
    public static ProfileRebuildRun Recompute(int total, string? requestedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            Kind = RebuildRunKind.Recompute,
            Status = RebuildRunStatus.Queued,
            Total = total,
            RequestedBy = requestedBy,
            RequestedAt = now,
        };

    /// <summary>A move from <paramref name="from"/> to <paramref name="to"/>: in force, and so running, from now.</summary>
    public static ProfileRebuildRun SwitchOver(
        ScoringModel from,
        ScoringModel to,
        int total,
        string requestedBy,
        DateTimeOffset now
    )
    {
        if (from.Version == to.Version)
            throw new UnprocessableException($"Scoring model {to.Version} is already in force.");
        return new()
        {
            Id = Guid.CreateVersion7(now),
            Kind = RebuildRunKind.SwitchOver,
            FromVersion = from.Version,
            ToVersion = to.Version,
            Status = RebuildRunStatus.Running,
            Total = total,
            RequestedBy = requestedBy,
            RequestedAt = now,
            StartedAt = now,
        };
    }

    /// <summary>The queued run's first step is about to be taken; <paramref name="total"/> counts the firms now.</summary>
    public void Start(int total, DateTimeOffset now)
    {
        Move(RebuildRunStatus.Running, RebuildRunStatus.Queued);
        (Total, StartedAt) = (total, now);
    }

    /// <summary>A step of <paramref name="firms"/> committed; firms verified since the run was counted count too.</summary>
    public void Advance(int firms, string lastUscc)
    {
        if (Status != RebuildRunStatus.Running)
            throw new ConflictException($"A {Kind.Wire()} that is {Status.Wire()} takes no step.");
        Done += firms;
        Total = Math.Max(Total, Done);
        LastUscc = lastUscc;
        FailedAttempts = 0;
        FailureReason = null;
    }

    /// <summary>No verified firm is left after the last one done: the total is what was rebuilt.</summary>
    public void Complete(DateTimeOffset now)
    {
        Move(RebuildRunStatus.Completed, RebuildRunStatus.Running);
        (Total, FinishedAt) = (Done, now);
    }

    /// <summary>
    /// A step failed (nothing of it was kept). A recompute is given up after <see cref="MaxFailedAttempts"/> failures in a
    /// row; a switch-over never is, since its target is in force already: it is resumed until every firm has it.
    /// </summary>
    public void RecordFailure(string reason, DateTimeOffset now)
    {
        if (!IsActive)
            throw new ConflictException($"A {Kind.Wire()} that is {Status.Wire()} takes no step.");
        FailedAttempts++;
        FailureReason = reason.Length <= MaxFailureReasonLength ? reason : reason[..MaxFailureReasonLength];
        if (Kind == RebuildRunKind.Recompute && FailedAttempts >= MaxFailedAttempts)
        {
            Move(RebuildRunStatus.Failed, RebuildRunStatus.Queued, RebuildRunStatus.Running);
            FinishedAt = now;
        }
    }

    private void Move(RebuildRunStatus to, params RebuildRunStatus[] from)
    {
        if (!from.Contains(Status))
            throw new ConflictException($"A {Kind.Wire()} that is {Status.Wire()} cannot become {to.Wire()}.");
        Status = to;
    }
}

internal sealed class ProfileRebuildRunConfiguration : IEntityTypeConfiguration<ProfileRebuildRun>
{
    public void Configure(EntityTypeBuilder<ProfileRebuildRun> builder)
    {
        builder.ToTable("profile_rebuild_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.FromVersion).HasMaxLength(16);
        builder.Property(r => r.ToVersion).HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.LastUscc).HasMaxLength(Uscc.Length);
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.Property(r => r.FailureReason).HasMaxLength(ProfileRebuildRun.MaxFailureReasonLength);
        // The model in force (the latest switch-over's target) and the newest runs of a kind.
        builder.HasIndex(r => new { r.Kind, r.RequestedAt });
        // One run of each kind is queued or running at a time, held by the database rather than by a check that can race:
        // a second switch-over is refused (409), a second recompute is answered with the one already there.
        builder
            .HasIndex(r => r.Kind)
            .IsUnique()
            .HasFilter("status IN ('Queued', 'Running')")
            .HasDatabaseName("ux_profile_rebuild_runs_one_active");
    }
}
