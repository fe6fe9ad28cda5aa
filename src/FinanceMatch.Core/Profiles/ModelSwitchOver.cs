using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Profiles;

public enum SwitchOverStatus
{
    Running,
    Completed,
}

/// <summary>
/// An operator's move of the platform to another scoring model version. The target is in force from the moment the
/// switch-over starts (every rebuild from then on scores with it); the switch-over itself rebuilds every verified firm in
/// steps, USCC order, each step its own transaction, recording the firm's score by both versions at the same moment.
/// Progress (<see cref="Done"/> of <see cref="Total"/>) survives a crash: the next run resumes after <see cref="LastUscc"/>.
/// One runs at a time.
/// </summary>
public sealed class ModelSwitchOver
{
    private ModelSwitchOver() { }

    public Guid Id { get; private set; }
    public string? FromVersion { get; private set; }
    public string ToVersion { get; private set; } = null!;
    public SwitchOverStatus Status { get; private set; }
    public int Total { get; private set; }
    public int Done { get; private set; }
    public string? LastUscc { get; private set; }
    public string RequestedBy { get; private set; } = null!;
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public static ModelSwitchOver Start(
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
            FromVersion = from.Version,
            ToVersion = to.Version,
            Status = SwitchOverStatus.Running,
            Total = total,
            RequestedBy = requestedBy,
            StartedAt = now,
        };
    }

    public void Advance(int firms, string lastUscc)
    {
        if (Status != SwitchOverStatus.Running)
            throw new ConflictException("The switch-over has finished.");
        Done = Math.Min(Total, Done + firms);
        LastUscc = lastUscc;
    }

    /// <summary>Every firm has been rebuilt; firms verified since it started count too.</summary>
    public void Complete(DateTimeOffset now)
    {
        if (Status != SwitchOverStatus.Running)
            return;
        (Status, Done, FinishedAt) = (SwitchOverStatus.Completed, Math.Max(Done, Total), now);
        Total = Done;
    }
}

internal sealed class ModelSwitchOverConfiguration : IEntityTypeConfiguration<ModelSwitchOver>
{
    public void Configure(EntityTypeBuilder<ModelSwitchOver> builder)
    {
        builder.ToTable("model_switch_overs");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.FromVersion).HasMaxLength(16);
        builder.Property(s => s.ToVersion).HasMaxLength(16);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.LastUscc).HasMaxLength(Uscc.Length);
        builder.Property(s => s.RequestedBy).HasMaxLength(100);
        builder.HasIndex(s => s.StartedAt);
        // One switch-over runs at a time: a second start while one runs is refused by the database, not by a check that can race.
        builder
            .HasIndex(s => s.Status)
            .IsUnique()
            .HasFilter("status = 'Running'")
            .HasDatabaseName("ux_model_switch_overs_one_running");
    }
}
