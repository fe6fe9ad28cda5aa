using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Webhooks;

public sealed class RedeliverWebhookDeliveryTests
{
    private const string Secret = "bank-webhook-secret-0123456789";

    [Test]
    public async Task ADeliveredEvent_ArrivesAgain_WithTheSameWebhookIdAndBody_AsANewDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );
        var first = await WebhookDeliveries.DeliveredAsync(
            bank.Client,
            webhook.Id,
            (await bank.Client.Webhooks.PingAsync(webhook.Id)).Id
        );

        receiver.HangNext(1, TimeSpan.FromSeconds(3));
        var again = await bank.Client.Webhooks.RedeliverAsync(webhook.Id, first.Id);
        var whilePending = await Assert.CatchAsync<Refit.ApiException>(() =>
            bank.Client.Webhooks.RedeliverAsync(webhook.Id, first.Id)
        );
        Assert.That(
            whilePending!.StatusCode,
            Is.EqualTo(System.Net.HttpStatusCode.Conflict),
            "the event is being sent already"
        );

        Assert.That(again.Id, Is.Not.EqualTo(first.Id));
        Assert.That(
            (again.EventId, again.EventType, again.Status, again.Attempts),
            Is.EqualTo((first.EventId, first.EventType, DeliveryStatus.Pending, 0)),
            "the same event, with attempts of its own"
        );
        var redelivered = await WebhookDeliveries.DeliveredAsync(bank.Client, webhook.Id, again.Id);
        Assert.That(redelivered.AttemptLog.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 200 }));
        var requests = receiver.Requests.ToList();
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(
            requests.Select(r => (r.WebhookId, r.Body, r.Attempt)).Distinct().Single(),
            Is.EqualTo((first.EventId.ToString(), requests[0].Body, "1")),
            "a receiver dropping duplicates by webhook-id sees the same message"
        );
        Assert.That(WebhookDeliveries.Verify(Secret, requests[1]).Id, Is.EqualTo(first.EventId.ToString()));
        var log = (await bank.Client.Webhooks.ListDeliveriesAsync(webhook.Id)).Items;
        Assert.That(log.Select(d => d.Id), Is.EquivalentTo(new[] { first.Id, again.Id }));
        Assert.That(log.Single(d => d.Id == first.Id).Attempts, Is.EqualTo(1), "the original is left as it was");
    }

    [Test]
    public async Task AnotherWebhooksOrBanksDelivery_Is404_AFirm403()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/hook", [WebhookEvent.MatchCreated], Secret)
        );
        var sibling = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/other", [WebhookEvent.MatchCreated], Secret)
        );
        var stranger = await other.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/stranger", [WebhookEvent.MatchCreated], Secret)
        );
        var delivery = await bank.Client.Webhooks.PingAsync(webhook.Id);

        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bank.Client.Webhooks.RedeliverAsync(sibling.Id, delivery.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Webhooks.RedeliverAsync(webhook.Id, delivery.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Webhooks.RedeliverAsync(stranger.Id, delivery.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bank.Client.Webhooks.RedeliverAsync(webhook.Id, Guid.NewGuid())
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => firm.Client.Webhooks.RedeliverAsync(webhook.Id, delivery.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Webhooks.RedeliverAsync(webhook.Id, delivery.Id)
        );
        Assert.That(
            (await bank.Client.Webhooks.ListDeliveriesAsync(webhook.Id)).Items.Select(d => d.Id),
            Is.EqualTo(new[] { delivery.Id }),
            "nothing was sent again"
        );
        Assert.That((await bank.Client.Webhooks.ListDeliveriesAsync(sibling.Id)).Items, Is.Empty);
        Assert.That((await other.Client.Webhooks.ListDeliveriesAsync(stranger.Id)).Items, Is.Empty);

        await bank.Client.Webhooks.DeleteAsync(webhook.Id);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bank.Client.Webhooks.RedeliverAsync(webhook.Id, delivery.Id)
        );
    }

    [Test]
    public async Task ADeliveryWhoseBodyIsNoLongerKept_Is409()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );
        var delivery = await WebhookDeliveries.DeliveredAsync(
            bank.Client,
            webhook.Id,
            (await bank.Client.Webhooks.PingAsync(webhook.Id)).Id
        );
        // What the nightly retention leaves of a delivery older than Webhooks:PayloadRetentionDays.
        await Sql.ExecuteAsync("UPDATE financematch.webhook_deliveries SET payload = '' WHERE id = $1", delivery.Id);

        var problem = await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Client.Webhooks.RedeliverAsync(webhook.Id, delivery.Id)
        );

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("no longer kept"));
        Assert.That((await bank.Client.Webhooks.ListDeliveriesAsync(webhook.Id)).Items, Has.Count.EqualTo(1));
    }
}
