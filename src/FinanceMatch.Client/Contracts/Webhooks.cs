namespace FinanceMatch.Client.Contracts;

/// <summary>What a webhook is told about.</summary>
public enum WebhookEvent
{
    /// <summary>A loan request was matched to one of the bank's products; data is the match's ids, state and rank.</summary>
    MatchCreated,

    /// <summary>A post-loan risk alert was raised for the bank; data is the alert's ids and kind.</summary>
    AlertRaised,

    /// <summary>A firm disputes a record of a feed the bank already read in its report; data names the firm, feed and record.</summary>
    ObjectionOpened,

    /// <summary>That objection was resolved (corrected or rejected).</summary>
    ObjectionResolved,

    /// <summary>
    /// Firms joined a list the bank subscribes to, and these have consented to the bank; data is the list's id, name and
    /// kind and the firms' enterprise ids (their data is read through the consent, as any report).
    /// </summary>
    ListMembersAdded,

    /// <summary>
    /// A test event sent only to the webhook the bank pinged (<c>POST /api/v1/webhooks/{id}/ping</c>); data is the
    /// webhook's id, the time and a short message. A webhook cannot subscribe to it.
    /// </summary>
    Ping,
}

/// <summary>Where a delivery is.</summary>
public enum DeliveryStatus
{
    /// <summary>Not yet answered with a 2xx; another attempt is due at <c>nextAttemptAt</c>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; no more will be made.</summary>
    Failed,
}

/// <summary>
/// A bank registers an https endpoint (plain http and private addresses only outside Production) for some events (any
/// but <c>ping</c>); the secret (16–200 characters) signs every body: <c>X-FinanceMatch-Signature: sha256=&lt;hex
/// HMAC-SHA256&gt;</c>.
/// </summary>
/// <param name="Url">Where events are POSTed: an absolute https URL of at most 2,000 characters, without credentials,
/// and not a loopback or private address in Production.</param>
/// <param name="Events">The events to receive, at least one; <c>ping</c> cannot be subscribed to.</param>
/// <param name="Secret">The shared secret that signs every delivery, 16 to 200 characters; stored encrypted and never
/// shown again.</param>
public sealed record RegisterWebhookBody(string Url, IReadOnlyList<WebhookEvent> Events, string Secret);

/// <summary>A registered webhook (its secret is never shown again).</summary>
/// <remarks>
/// SecretRotatedAt: When the secret was last rotated; null if never. <br/>
/// PreviousSecretExpiresAt: Until when the secret before the last rotation still signs deliveries beside the current
/// one (a second <c>v1</c> signature in <c>webhook-signature</c>); null if never rotated, past once it stopped.
/// </remarks>
/// <param name="Id">The webhook id (UUID).</param>
/// <param name="InstitutionId">The bank that registered it.</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="Events">The events it receives.</param>
/// <param name="CreatedAt">When it was registered (ISO 8601, UTC).</param>
/// <param name="SecretRotatedAt">When the secret was last rotated (ISO 8601, UTC); null if never.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret before the last rotation still signs deliveries beside
/// the current one (ISO 8601, UTC); null if never rotated, and in the past once it has stopped.</param>
public sealed record WebhookDto(
    Guid Id,
    Guid InstitutionId,
    string Url,
    IReadOnlyList<WebhookEvent> Events,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt
);

/// <summary>
/// A webhook's new secret, shown this once (<c>POST /api/v1/webhooks/{id}/secret</c>): 256 random bits, base64url.
/// Until <c>previousSecretExpiresAt</c> every delivery carries two signatures, <c>webhook-signature: v1,&lt;with the new
/// secret&gt; v1,&lt;with the previous one&gt;</c>, so the receiver can switch at any moment in between; the deprecated
/// <c>X-FinanceMatch-Signature</c> uses the new secret only.
/// </summary>
/// <param name="WebhookId">The webhook whose secret was rotated.</param>
/// <param name="Secret">The new secret: 256 random bits, base64url; shown only in this answer.</param>
/// <param name="SecretRotatedAt">When the secret was rotated (ISO 8601, UTC).</param>
/// <param name="PreviousSecretExpiresAt">Until when the previous secret also signs deliveries (ISO 8601, UTC): 24 hours
/// after the rotation by default.</param>
public sealed record WebhookSecretDto(
    Guid WebhookId,
    string Secret,
    DateTimeOffset SecretRotatedAt,
    DateTimeOffset PreviousSecretExpiresAt
);

/// <summary>One POST of a delivery.</summary>
/// <param name="Attempt">Which attempt of the delivery this was, counting from 1.</param>
/// <param name="StatusCode">The HTTP status the receiver answered; null when no answer came (timeout or connection
/// failure).</param>
/// <param name="Error">Why the attempt failed: <c>HTTP</c> and the status for a non-2xx answer, <c>timed out</c>, or
/// the connection error (at most 500 characters); null on a 2xx.</param>
/// <param name="StartedAt">When the POST started (ISO 8601, UTC).</param>
/// <param name="DurationMilliseconds">How long the POST took, in milliseconds.</param>
public sealed record WebhookAttemptDto(
    int Attempt,
    int? StatusCode,
    string? Error,
    DateTimeOffset StartedAt,
    int DurationMilliseconds
);

/// <summary>One event delivered (or being delivered) to one webhook, with every attempt.</summary>
/// <param name="Id">The delivery id (UUID).</param>
/// <param name="EventId">The event's id, sent as the <c>webhook-id</c> header: the same on every attempt and
/// redelivery, so the receiver can drop duplicates.</param>
/// <param name="EventType">What the event is.</param>
/// <param name="Status">Whether the delivery is pending, delivered or failed.</param>
/// <param name="Attempts">How many POSTs have been made so far.</param>
/// <param name="LastStatusCode">The HTTP status of the latest attempt; null before the first attempt or when no answer
/// came.</param>
/// <param name="LastError">Why the latest attempt failed (at most 500 characters); null when it succeeded or none was
/// made.</param>
/// <param name="CreatedAt">When the delivery was queued (ISO 8601, UTC).</param>
/// <param name="NextAttemptAt">When the next attempt is due (ISO 8601, UTC); null unless the delivery is
/// pending.</param>
/// <param name="DeliveredAt">When the receiver answered 2xx (ISO 8601, UTC); null unless delivered.</param>
/// <param name="AttemptLog">Every attempt made, oldest first.</param>
public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid EventId,
    WebhookEvent EventType,
    DeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptDto> AttemptLog
);
