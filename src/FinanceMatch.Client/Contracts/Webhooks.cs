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
public sealed record RegisterWebhookBody(string Url, IReadOnlyList<WebhookEvent> Events, string Secret);

/// <summary>A registered webhook (its secret is never shown again).</summary>
/// <remarks>
/// SecretRotatedAt: When the secret was last rotated; null if never. <br/>
/// PreviousSecretExpiresAt: Until when the secret before the last rotation still signs deliveries beside the current
/// one (a second <c>v1</c> signature in <c>webhook-signature</c>); null if never rotated, past once it stopped.
/// </remarks>
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
public sealed record WebhookSecretDto(
    Guid WebhookId,
    string Secret,
    DateTimeOffset SecretRotatedAt,
    DateTimeOffset PreviousSecretExpiresAt
);

/// <summary>One POST of a delivery.</summary>
public sealed record WebhookAttemptDto(
    int Attempt,
    int? StatusCode,
    string? Error,
    DateTimeOffset StartedAt,
    int DurationMilliseconds
);

/// <summary>One event delivered (or being delivered) to one webhook, with every attempt.</summary>
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
