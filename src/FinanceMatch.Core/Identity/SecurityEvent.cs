using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Identity;

public enum SecurityEventKind
{
    CredentialIssued,
    SecretRotated,
    SecretReset,
    CredentialDisabled,
    CredentialEnabled,
    EnterpriseVerified,
    EnterpriseRejected,
    VerificationFailed,
    SigningKeyRotated,
    SecretRotationRefused,
    RecordsTransferred,
}

/// <summary>
/// One entry of the append-only security log: what happened to which credential or firm, and who did it. A trigger
/// refuses every UPDATE and DELETE of the table, so an entry, once committed with the change it records, stays.
/// </summary>
public sealed class SecurityEvent
{
    private SecurityEvent() { }

    public Guid Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public SecurityEventKind Kind { get; private set; }

    /// <summary>The credential concerned, when there is one.</summary>
    public string? ClientId { get; private set; }

    /// <summary>The institution, department, enterprise or operator concerned.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>Who acted: an operator's or the party's own client id; null for the platform itself.</summary>
    public string? ActorClientId { get; private set; }
    public string? Detail { get; private set; }

    public static SecurityEvent Of(
        SecurityEventKind kind,
        string? clientId,
        Guid? subjectId,
        string? actorClientId,
        string? detail,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Kind = kind,
            ClientId = clientId,
            SubjectId = subjectId,
            ActorClientId = actorClientId,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        };

    public static SecurityEvent Of(
        SecurityEventKind kind,
        Credential credential,
        string? actorClientId,
        string? detail,
        DateTimeOffset now
    ) => Of(kind, credential.ClientId, credential.SubjectId, actorClientId, detail, now);
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.ClientId).HasMaxLength(64);
        builder.Property(e => e.ActorClientId).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.ClientId, e.OccurredAt });
        builder.HasIndex(e => new
        {
            e.SubjectId,
            e.Kind,
            e.OccurredAt,
        });
    }
}
