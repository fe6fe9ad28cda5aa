using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Webhooks;

public enum WebhookEvent
{
    MatchCreated,
    AlertRaised,
    ObjectionOpened,
    ObjectionResolved,
    ListMembersAdded,

    /// <summary>A test event the bank asks for, sent to the one webhook pinged; nothing can subscribe to it.</summary>
    Ping,
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>A bank's endpoint for events: each event is POSTed to it, signed with the bank's secret.</summary>
public sealed class Webhook
{
    public Guid Id { get; set; }
    public Guid InstitutionId { get; set; }
    public string Url { get; set; } = null!;
    public List<WebhookEvent> Events { get; set; } = [];

    /// <summary>
    /// The HMAC-SHA256 key the bank verifies signatures with, encrypted with the platform's Data Protection key ring
    /// (kept outside the database); never returned by the API.
    /// </summary>
    public string ProtectedSecret { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The secret before the last rotation, encrypted like <see cref="ProtectedSecret"/>.</summary>
    public string? ProtectedPreviousSecret { get; set; }

    /// <summary>
    /// Until when <see cref="ProtectedPreviousSecret"/> signs too, so a receiver can switch without losing deliveries.
    /// </summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public DateTimeOffset? SecretRotatedAt { get; set; }

    /// <summary>Events are announced to the webhooks subscribed to them; a ping only to the webhook pinged.</summary>
    public static bool CanSubscribeTo(WebhookEvent type) => type != WebhookEvent.Ping;

    /// <summary>
    /// The secret becomes the previous one and keeps signing for <paramref name="previousValidFor"/> beside the new one;
    /// a secret rotated out earlier stops at once (the bank rotated twice, so it holds the newer one).
    /// </summary>
    public void RotateSecret(string protectedSecret, DateTimeOffset now, TimeSpan previousValidFor)
    {
        ProtectedPreviousSecret = ProtectedSecret;
        PreviousSecretExpiresAt = now + (previousValidFor > TimeSpan.Zero ? previousValidFor : TimeSpan.Zero);
        ProtectedSecret = protectedSecret;
        SecretRotatedAt = now;
    }

    /// <summary>The secrets (encrypted) that sign a delivery sent at <paramref name="at"/>: the current one first.</summary>
    public IReadOnlyList<string> SecretsValidAt(DateTimeOffset at)
    {
        if (ProtectedPreviousSecret is { } previous && PreviousSecretExpiresAt is { } expires && at < expires)
            return [ProtectedSecret, previous];
        return [ProtectedSecret];
    }

    /// <summary>A <see cref="WebhookEvent.Ping"/> for this webhook alone, due at once.</summary>
    public WebhookDelivery Ping(Guid eventId, string payload, DateTimeOffset now) =>
        WebhookDelivery.Pending(Id, InstitutionId, eventId, WebhookEvent.Ping, payload, now);

    /// <summary>
    /// The same event, body and event id sent to this webhook again as a new delivery with attempts of its own, due at
    /// once (the receiver deduplicating by the event id sees the same message). Refused (409): a body retention has
    /// emptied; an original older than <paramref name="keptSince"/> (the retention window: a redelivery would otherwise
    /// keep a body past it, as a new row); an event that already has a delivery pending on this webhook (it is being
    /// sent: another would only add load).
    /// </summary>
    public WebhookDelivery Redeliver(
        WebhookDelivery original,
        bool alreadyPending,
        DateTimeOffset keptSince,
        DateTimeOffset now
    )
    {
        if (original.WebhookId != Id)
            throw new InvalidOperationException("A delivery is redelivered only to its own webhook.");
        if (original.Payload.Length == 0 || original.CreatedAt < keptSince)
            throw new ConflictException(
                "This delivery's body is no longer kept (it is older than Webhooks:PayloadRetentionDays), so it cannot be sent again."
            );
        if (alreadyPending)
            throw new ConflictException("This event has a delivery to this webhook pending already: wait for it.");
        return WebhookDelivery.Pending(Id, InstitutionId, original.EventId, original.EventType, original.Payload, now);
    }
}

/// <summary>
/// One event for one bank, written in the transaction that made it (a match): one row, however many webhooks the bank
/// has. The delivery side expands it into a <see cref="WebhookDelivery"/> per subscribed webhook in a transaction of its
/// own, so the fan-out never weighs on the transaction that made the event.
/// </summary>
public sealed class WebhookOutboxEntry
{
    /// <summary>The event's id (the match's): every delivery of it carries this id.</summary>
    public Guid Id { get; set; }
    public Guid InstitutionId { get; set; }
    public WebhookEvent EventType { get; set; }
    public string Payload { get; set; } = null!;
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset? ExpandedAt { get; set; }
}

/// <summary>
/// One event for one webhook, written in the same transaction as the event itself (an outbox), so no event is lost when
/// a process dies: a delivery stays pending until a worker has POSTed it and got a 2xx, or gave up after the last attempt.
/// A worker holds a delivery only while <see cref="LeaseUntil"/> lasts; after that any worker may take it again.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public Guid InstitutionId { get; set; }

    /// <summary>The id receivers drop duplicates by: the match's or the alert's id.</summary>
    public Guid EventId { get; set; }
    public WebhookEvent EventType { get; set; }

    /// <summary>The exact body sent and signed.</summary>
    public string Payload { get; set; } = null!;
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>
    /// How many attempts this delivery gets: a ping one (the bank asked for it and sees the answer in the log; retrying
    /// it would only multiply the POSTs one request can cause), any other event the platform's setting.
    /// </summary>
    public int AttemptsAllowed(int configured) => EventType == WebhookEvent.Ping ? 1 : configured;

    /// <summary>A delivery not yet attempted, due at <paramref name="now"/>.</summary>
    public static WebhookDelivery Pending(
        Guid webhookId,
        Guid institutionId,
        Guid eventId,
        WebhookEvent type,
        string payload,
        DateTimeOffset now
    ) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            WebhookId = webhookId,
            InstitutionId = institutionId,
            EventId = eventId,
            EventType = type,
            Payload = payload,
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
}

/// <summary>One POST of a delivery: what the receiver answered, or why nothing came back.</summary>
public sealed class WebhookDeliveryAttempt
{
    public Guid DeliveryId { get; set; }
    public int Attempt { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public int DurationMilliseconds { get; set; }
}

internal sealed class WebhookOutboxEntryConfiguration : IEntityTypeConfiguration<WebhookOutboxEntry>
{
    public void Configure(EntityTypeBuilder<WebhookOutboxEntry> builder)
    {
        builder.ToTable("webhook_outbox");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EventType).HasConversion<string>().HasMaxLength(32);
        builder
            .HasIndex(e => e.OccurredAt)
            .HasDatabaseName("ix_webhook_outbox_not_expanded")
            .HasFilter("expanded_at IS NULL");
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Url).HasMaxLength(2000);
        builder.PrimitiveCollection(w => w.Events).ElementType(e => e.HasConversion<string>());
        builder.Property(w => w.ProtectedSecret).HasMaxLength(2000);
        builder.Property(w => w.ProtectedPreviousSecret).HasMaxLength(2000);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(w => w.InstitutionId);
        builder.HasIndex(w => w.InstitutionId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.EventType).HasConversion<string>().HasMaxLength(32);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        // The sweep's question: which pending deliveries are due?
        builder
            .HasIndex(d => d.NextAttemptAt)
            .HasFilter("status = 'Pending'")
            .HasDatabaseName("ix_webhook_deliveries_pending_due");
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.HasKey(a => new { a.DeliveryId, a.Attempt });
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
