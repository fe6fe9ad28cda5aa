using System.Text.Json;
using System.Text.Json.Nodes;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client;
using FinanceMatch.Core.Data;
using FinanceMatch.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using DomainMatch = FinanceMatch.Core.Matching.Match;

namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>
/// Writes deliveries into the same unit of work as the event they announce: committed together or not at all. The
/// body is fixed here, once, so every attempt sends (and signs) the same bytes: <c>{ id, type, occurredAt, data }</c>.
/// A body carries ids, states and the match's own terms only, never the firm's data: a bank reads that through a
/// consented, logged report, and a delivered body is kept only <c>Webhooks:PayloadRetentionDays</c>.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>
    /// Adds one <c>matchCreated</c> outbox entry for each match whose bank has a webhook for it (the bank's webhooks are
    /// looked up once; the deliveries are made by <see cref="ExpandWebhookEvent"/>); returns them for enqueueing after commit.
    /// </summary>
    public static async Task<List<WebhookOutboxEntry>> AddMatchesCreatedAsync(
        FinanceMatchDbContext db,
        IReadOnlyList<DomainMatch> matches,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (matches.Count == 0)
            return [];
        var institutions = matches.Select(m => m.InstitutionId).Distinct().ToList();
        var listening = (
            await db
                .Webhooks.AsNoTracking()
                .Where(w => institutions.Contains(w.InstitutionId) && w.Events.Contains(WebhookEvent.MatchCreated))
                .Select(w => w.InstitutionId)
                .Distinct()
                .ToListAsync(ct)
        ).ToHashSet();
        var entries = matches
            .Where(m => listening.Contains(m.InstitutionId))
            .Select(m => new WebhookOutboxEntry
            {
                Id = m.Id,
                InstitutionId = m.InstitutionId,
                EventType = WebhookEvent.MatchCreated,
                Payload = Body(m.Id, "matchCreated", now, MatchEvent(m)),
                OccurredAt = now,
            })
            .ToList();
        db.WebhookOutbox.AddRange(entries);
        return entries;
    }

    /// <summary>
    /// Adds an <c>objectionOpened</c> or <c>objectionResolved</c> delivery for each webhook, subscribed to it, of every
    /// bank that has read a report of the firm holding the disputed feed: a bank that pulled the record learns that it is
    /// disputed, and later how the dispute ended. Returns the deliveries for enqueueing after commit.
    /// </summary>
    public static async Task<List<WebhookDelivery>> AddObjectionEventAsync(
        FinanceMatchDbContext db,
        Core.Objections.Objection objection,
        WebhookEvent type,
        Guid eventId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var scope = Enum.Parse<Core.Consents.ConsentScope>(objection.FeedType.ToString());
        var readers = await db
            .ReportAccesses.AsNoTracking()
            .Where(a =>
                a.EnterpriseId == objection.EnterpriseId
                && a.InstitutionId != null
                && a.Scopes.Contains(scope)
                && a.AccessedAt <= now
            )
            .Select(a => a.InstitutionId!.Value)
            .Distinct()
            .ToListAsync(ct);
        if (readers.Count == 0)
            return [];
        var webhooks = await db
            .Webhooks.AsNoTracking()
            .Where(w => readers.Contains(w.InstitutionId) && w.Events.Contains(type))
            .Select(w => new { w.Id, w.InstitutionId })
            .ToListAsync(ct);
        var data = new JsonObject
        {
            ["objectionId"] = objection.Id,
            ["enterpriseId"] = objection.EnterpriseId,
            ["feedType"] = JsonSerializer.SerializeToNode(
                objection.FeedType.Map<Client.Contracts.FeedType>(),
                FinanceMatchJson.Options
            ),
            ["recordKey"] = objection.RecordKey,
            ["status"] = JsonSerializer.SerializeToNode(
                objection.Status.Map<Client.Contracts.ObjectionStatus>(),
                FinanceMatchJson.Options
            ),
        };
        var wire = JsonNamingPolicy.CamelCase.ConvertName(type.ToString());
        var deliveries = webhooks
            .Select(w => Pending(w.Id, w.InstitutionId, eventId, type, Body(eventId, wire, now, data.DeepClone()), now))
            .ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }

    /// <summary>What a bank learns of a new match: which request, product and firm, its place and state; no rule values.</summary>
    public static JsonObject MatchEvent(DomainMatch m) =>
        new()
        {
            ["id"] = m.Id,
            ["loanRequestId"] = m.LoanRequestId,
            ["enterpriseId"] = m.EnterpriseId,
            ["productId"] = m.ProductId,
            ["productVersion"] = m.ProductVersion,
            ["productName"] = m.ProductName,
            ["institutionId"] = m.InstitutionId,
            ["rank"] = m.Rank,
            ["status"] = JsonSerializer.SerializeToNode(
                m.Status.Map<Client.Contracts.MatchStatus>(),
                FinanceMatchJson.Options
            ),
            ["createdAt"] = m.CreatedAt,
        };

    public static string Body(Guid eventId, string type, DateTimeOffset occurredAt, JsonNode? data) =>
        new JsonObject
        {
            ["id"] = eventId,
            ["type"] = type,
            ["occurredAt"] = occurredAt,
            ["data"] = data,
        }.ToJsonString(FinanceMatchJson.Options);

    internal static WebhookDelivery Pending(
        Guid webhookId,
        Guid institutionId,
        Guid eventId,
        WebhookEvent type,
        string payload,
        DateTimeOffset now
    ) => WebhookDelivery.Pending(webhookId, institutionId, eventId, type, payload, now);

    /// <summary>
    /// Adds an <c>objectionResolved</c> delivery for each closed objection of <paramref name="objectionIds"/> to the banks
    /// that read its record, on <paramref name="connection"/> in the transaction that closed them; returns the deliveries
    /// for the caller to enqueue once it commits.
    /// </summary>
    public static async Task<List<Guid>> AddObjectionDeliveriesAsync(
        NpgsqlConnection connection,
        IReadOnlyList<Guid> objectionIds,
        CancellationToken ct
    ) =>
        objectionIds.Count == 0
            ? []
            : await Sql.QueryAsync(
                connection,
                Sql.Load("Webhooks.AddObjectionDeliveries"),
                r => r.GetGuid(0),
                ct,
                (object)objectionIds.ToArray()
            );

    /// <summary>
    /// Adds an <c>alertRaised</c> delivery for each of <paramref name="alertIds"/> and each webhook of its bank, on
    /// <paramref name="connection"/> in the transaction that raised them; the sweep sends them.
    /// </summary>
    public static async Task AddAlertDeliveriesAsync(
        NpgsqlConnection connection,
        IReadOnlyList<Guid> alertIds,
        CancellationToken ct
    )
    {
        if (alertIds.Count > 0)
            await Sql.ExecuteAsync(connection, Sql.Load("Webhooks.AddAlertDeliveries"), ct, (object)alertIds.ToArray());
    }
}
