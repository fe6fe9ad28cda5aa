using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Webhooks;

public sealed class WebhookTests
{
    private const string Secret = "bank-webhook-secret-0123456789";

    [Test]
    public async Task AMatch_IsPostedToTheBanksWebhook_Signed_AndLogged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var quiet = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );
        var band = Band();
        await PublishedAsync(bank.Client, Product(band));
        await PublishedAsync(quiet.Client, Product(band));

        var request = await MatchedAsync((await Actors.EnterpriseAsync()).Client, Request(band));
        var match = MatchOf(request, bank);

        var delivery = await DeliveredAsync(bank, webhook.Id);
        var received = receiver.Requests.Single();
        Assert.That(
            received.Signature,
            Is.EqualTo(ExpectedSignature(received.Body)),
            "HMAC-SHA256 of the raw body with the bank's secret"
        );
        // Standard Webhooks, computed here from the spec: v1 = base64 HMAC-SHA256 over "id.timestamp.body", the id the
        // event's, the timestamp the attempt's (a receiver refuses one older than five minutes).
        Assert.That(received.WebhookId, Is.EqualTo(match.Id.ToString()));
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(
            long.Parse(received.WebhookTimestamp!, System.Globalization.CultureInfo.InvariantCulture)
        );
        Assert.That(sentAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(
            received.WebhookSignature,
            Is.EqualTo(
                "v1,"
                    + Convert.ToBase64String(
                        HMACSHA256.HashData(
                            Encoding.UTF8.GetBytes(Secret),
                            Encoding.UTF8.GetBytes($"{received.WebhookId}.{received.WebhookTimestamp}.{received.Body}")
                        )
                    )
            )
        );
        Assert.That(
            WebhookDeliveries.Verify(Secret, received).Id,
            Is.EqualTo(match.Id.ToString()),
            "the package's verifier agrees with the spec"
        );
        using var body = JsonDocument.Parse(received.Body);
        Assert.That(body.RootElement.GetProperty("id").GetGuid(), Is.EqualTo(match.Id), "the event id is the match's");
        Assert.That(body.RootElement.GetProperty("type").GetString(), Is.EqualTo("matchCreated"));
        Assert.That(body.RootElement.GetProperty("data").GetProperty("id").GetGuid(), Is.EqualTo(match.Id));
        Assert.That(
            body.RootElement.GetProperty("data").GetProperty("institutionId").GetGuid(),
            Is.EqualTo(bank.Created.Id)
        );
        Assert.That(
            body.RootElement.GetProperty("data").TryGetProperty("reasons", out _),
            Is.False,
            "no rule values in a webhook body"
        );
        Assert.That(received.Body, Does.Not.Contain("actual"));
        Assert.That(
            (received.EventId, received.Event, received.Attempt, received.ContentType),
            Is.EqualTo((match.Id.ToString(), "matchCreated", "1", "application/json; charset=utf-8"))
        );
        Assert.That(
            (delivery.EventId, delivery.EventType, delivery.Attempts),
            Is.EqualTo((match.Id, WebhookEvent.MatchCreated, 1))
        );
        Assert.That(delivery.AttemptLog.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 200 }));
    }

    [Test]
    public async Task AFailingReceiver_IsRetriedWithGrowingWaits_UntilItAnswers_WithTheSameEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2);
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );
        var band = Band();
        await PublishedAsync(bank.Client, Product(band));

        await MatchedAsync((await Actors.EnterpriseAsync()).Client, Request(band));

        var delivery = await DeliveredAsync(bank, webhook.Id);
        Assert.That(delivery.AttemptLog.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 500, 200 }));
        var log = delivery.AttemptLog;
        Assert.That(
            log[1].StartedAt - log[0].StartedAt,
            Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)),
            "the first wait (the base)"
        );
        Assert.That(
            log[2].StartedAt - log[1].StartedAt,
            Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(600)),
            "the wait doubles"
        );
        var requests = receiver.Requests.ToList();
        Assert.That(requests.Select(r => r.Attempt), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(
            requests.Select(r => (r.Body, r.EventId, r.Signature)).Distinct().Count(),
            Is.EqualTo(1),
            "every attempt sends the same signed event"
        );
    }

    [Test]
    public async Task AnAlert_IsPostedToTheFollowingBanksWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tax = await Actors.DepartmentAsync(FeedType.Tax);
        var firm = await FirmPayingTaxAsync(30_000m, taxDepartment: tax);
        var watcher = await Actors.BankAsync();
        var webhook = await watcher.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.AlertRaised], Secret)
        );
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                watcher.Created.Id,
                null,
                [ConsentScope.Profile],
                ConsentPurpose.PostLoanMonitoring,
                DateTimeOffset.UtcNow.AddDays(90)
            )
        );

        await Batches.FinishedAsync(
            tax.Client,
            (
                await Batches.PushAsync(
                    tax.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue,arrears\n{firm.Created.Uscc},{Batches.Month(1)},30000,600000,45000\n",
                    Batches.Csv
                )
            ).Id
        );
        AlertDto? alert = null;
        await Eventually.HoldsAsync(
            async () =>
                (
                    alert = (await watcher.Client.Alerts.ListAsync(kind: "newArrears")).Items.SingleOrDefault(a =>
                        a.EnterpriseId == firm.Created.Id
                    )
                )
                    is not null,
            TimeSpan.FromSeconds(30),
            "no arrears alert"
        );
        TestRun.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(SweepWebhookDeliveries.RecurringJobId);

        var delivery = await DeliveredAsync(watcher, webhook.Id);
        var received = receiver.Requests.Single();
        Assert.That(received.Signature, Is.EqualTo(ExpectedSignature(received.Body)));
        using var body = JsonDocument.Parse(received.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.That(
            (
                body.RootElement.GetProperty("type").GetString(),
                body.RootElement.GetProperty("id").GetGuid(),
                delivery.EventId
            ),
            Is.EqualTo(("alertRaised", alert!.Id, alert.Id))
        );
        Assert.That(
            (
                data.GetProperty("id").GetGuid(),
                data.GetProperty("enterpriseId").GetGuid(),
                data.GetProperty("kind").GetString()
            ),
            Is.EqualTo((alert.Id, firm.Created.Id, "newArrears"))
        );
        Assert.That(
            data.TryGetProperty("detail", out _),
            Is.False,
            "a webhook body carries no firm data: the detail is read at GET /alerts"
        );
        Assert.That(data.GetProperty("raisedAt").GetDateTimeOffset(), Is.EqualTo(alert.RaisedAt));
    }

    [Test]
    public async Task ADeliveryADeadWorkerWasHolding_IsSentByTheSweep_OnceItsLeaseRunsOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.AlertRaised], Secret)
        );
        var eventId = Guid.NewGuid();
        // What a worker killed mid-attempt leaves behind: a pending delivery it took (its lease, now run out) and no job.
        await Sql.ExecuteAsync(
            """
            INSERT INTO financematch.webhook_deliveries (id, webhook_id, institution_id, event_id, event_type, payload, status, attempts,
                next_attempt_at, lease_until, created_at)
            VALUES (gen_random_uuid(), $1, $2, $3, 'AlertRaised', '{"id":"' || $3::text || '","type":"alertRaised"}', 'Pending', 0,
                now() - interval '1 minute', now() - interval '1 second', now() - interval '1 minute')
            """,
            webhook.Id,
            bank.Created.Id,
            eventId
        );

        TestRun.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(SweepWebhookDeliveries.RecurringJobId);

        var delivery = await DeliveredAsync(bank, webhook.Id);
        Assert.That(delivery.EventId, Is.EqualTo(eventId));
        Assert.That(
            receiver.Requests.Single().Signature,
            Is.EqualTo(ExpectedSignature(receiver.Requests.Single().Body))
        );
    }

    [Test]
    public async Task Webhooks_AreForBanks_Validated_AndEachBankSeesOnlyItsOwn()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var good = new RegisterWebhookBody(
            "https://hooks.example.com/financematch",
            [WebhookEvent.MatchCreated, WebhookEvent.AlertRaised],
            Secret
        );

        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Webhooks.RegisterAsync(good));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            async () => await (await TestRun.OperatorAsync()).Webhooks.RegisterAsync(good)
        );
        await Problems.ExpectFieldErrorAsync(
            "url",
            () => bank.Client.Webhooks.RegisterAsync(good with { Url = "not a url" })
        );
        await Problems.ExpectFieldErrorAsync(
            "url",
            () => bank.Client.Webhooks.RegisterAsync(good with { Url = "ftp://hooks.example.com/x" })
        );
        await Problems.ExpectFieldErrorAsync(
            "url",
            () => bank.Client.Webhooks.RegisterAsync(good with { Url = "https://user:pass@hooks.example.com/x" })
        );
        await Problems.ExpectFieldErrorAsync(
            "events",
            () => bank.Client.Webhooks.RegisterAsync(good with { Events = [] })
        );
        await Problems.ExpectFieldErrorAsync(
            "secret",
            () => bank.Client.Webhooks.RegisterAsync(good with { Secret = "short" })
        );
        Assert.That(await bank.Client.Webhooks.ListAsync(), Is.Empty, "nothing half written");

        var webhook = await bank.Client.Webhooks.RegisterAsync(good);
        Assert.That(
            (webhook.Url, webhook.Events, webhook.InstitutionId),
            Is.EqualTo((good.Url, good.Events, bank.Created.Id))
        );
        Assert.That(await other.Client.Webhooks.ListAsync(), Is.Empty);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Webhooks.ListDeliveriesAsync(webhook.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Webhooks.DeleteAsync(webhook.Id));

        await bank.Client.Webhooks.DeleteAsync(webhook.Id);
        Assert.That(await bank.Client.Webhooks.ListAsync(), Is.Empty);
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bank.Client.Webhooks.ListDeliveriesAsync(webhook.Id));
    }

    private static string ExpectedSignature(string body) =>
        "sha256="
        + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    private static async Task<WebhookDeliveryDto> DeliveredAsync(Actors.Party<CreatedInstitution> bank, Guid webhookId)
    {
        WebhookDeliveryDto? delivery = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                delivery = (await bank.Client.Webhooks.ListDeliveriesAsync(webhookId)).Items.SingleOrDefault();
                return delivery?.Status == DeliveryStatus.Delivered;
            },
            TimeSpan.FromSeconds(20),
            "the webhook delivery was not delivered"
        );
        return delivery!;
    }
}
