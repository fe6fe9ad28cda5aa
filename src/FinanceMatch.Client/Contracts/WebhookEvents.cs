using System.Text.Json;

namespace FinanceMatch.Client.Contracts;

/// <summary>
/// The JSON body of every webhook delivery (the OpenAPI document's <c>webhooks</c> section gives each event's
/// <c>data</c>). Deliveries are signed the Standard Webhooks way; verify with <c>WebhookSignatureVerifier</c> before
/// reading the body.
/// </summary>
/// <param name="Id">The event's id, also the <c>webhook-id</c> header: the same for every attempt and redelivery of one event, so a receiver deduplicates by it.</param>
/// <param name="Type">The event type (matchCreated, alertRaised, objectionOpened, objectionResolved, listMembersAdded, ping).</param>
/// <param name="OccurredAt">When the event happened (ISO 8601, UTC), not when this attempt was sent.</param>
/// <param name="Data">The event's data: one of the records below, by <paramref name="Type"/>.</param>
public sealed record WebhookEventEnvelope(Guid Id, WebhookEvent Type, DateTimeOffset OccurredAt, JsonElement Data);

/// <summary>The data of a <c>matchCreated</c> event: a loan request was matched to one of the bank's products.</summary>
/// <param name="Id">The match's id (GET /api/v1/matches/{id}).</param>
/// <param name="LoanRequestId">The loan request matched.</param>
/// <param name="EnterpriseId">The firm that asked.</param>
/// <param name="ProductId">The bank's product matched.</param>
/// <param name="ProductVersion">The version of the product whose terms the match was made under.</param>
/// <param name="ProductName">The product's name in that version.</param>
/// <param name="InstitutionId">The bank's institution id.</param>
/// <param name="Rank">The match's rank among the request's matches (1 is the best fit).</param>
/// <param name="Status">The match's state when created (pending).</param>
/// <param name="CreatedAt">When the match was made (ISO 8601, UTC).</param>
public sealed record MatchCreatedData(
    Guid Id,
    Guid LoanRequestId,
    Guid EnterpriseId,
    Guid ProductId,
    int ProductVersion,
    string ProductName,
    Guid InstitutionId,
    int Rank,
    MatchStatus Status,
    DateTimeOffset CreatedAt
);

/// <summary>The data of an <c>alertRaised</c> event: a post-loan risk alert about a firm the bank follows.</summary>
/// <param name="Id">The alert's id (GET /api/v1/alerts lists it).</param>
/// <param name="EnterpriseId">The firm the alert is about.</param>
/// <param name="Kind">What changed (a new penalty, a court record, arrears, a grade drop, an abnormal registration...).</param>
/// <param name="RaisedAt">When the alert was raised (ISO 8601, UTC).</param>
public sealed record AlertRaisedData(Guid Id, Guid EnterpriseId, AlertKind Kind, DateTimeOffset RaisedAt);

/// <summary>
/// The data of an <c>objectionOpened</c> or <c>objectionResolved</c> event: a firm disputes (or the dispute of) a record
/// of a feed the bank has read in a report of that firm.
/// </summary>
/// <param name="ObjectionId">The objection's id.</param>
/// <param name="EnterpriseId">The firm that objected.</param>
/// <param name="FeedType">The feed holding the disputed record.</param>
/// <param name="RecordKey">The disputed record's key within the feed (its period, or its case or entry id).</param>
/// <param name="Status">The objection's state: open, or how it was resolved.</param>
public sealed record ObjectionEventData(
    Guid ObjectionId,
    Guid EnterpriseId,
    FeedType FeedType,
    string RecordKey,
    ObjectionStatus Status
);

/// <summary>
/// The data of a <c>listMembersAdded</c> event: firms joined a list the bank subscribes to and have consented to the
/// bank; read their data through the consent, as any report.
/// </summary>
/// <param name="ListId">The list's id.</param>
/// <param name="ListName">The list's name.</param>
/// <param name="Kind">The list's kind (e.g. a cultivation pool or a white list).</param>
/// <param name="EnterpriseIds">The firms added, by enterprise id.</param>
public sealed record ListMembersAddedData(
    Guid ListId,
    string ListName,
    ListKind Kind,
    IReadOnlyList<Guid> EnterpriseIds
);

/// <summary>The data of a <c>ping</c> event, sent only on request (POST /api/v1/webhooks/{id}/ping) to that webhook.</summary>
/// <param name="WebhookId">The webhook pinged.</param>
/// <param name="SentAt">When the ping was asked for (ISO 8601, UTC).</param>
/// <param name="Message">A fixed text saying this is a test delivery.</param>
public sealed record PingData(Guid WebhookId, DateTimeOffset SentAt, string Message);
