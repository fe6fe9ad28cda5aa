using System.Net;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Webhooks;

public sealed class PingWebhookTests
{
    private const string Secret = "bank-webhook-secret-0123456789";

    [Test]
    public async Task APing_ArrivesSignedAtThePingedWebhookAlone_AndIsInItsDeliveryLog()
    {
        await using var pinged = await WebhookReceiver.StartAsync();
        await using var other = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(pinged.Url, [WebhookEvent.AlertRaised], Secret)
        );
        var sibling = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(
                other.Url,
                [
                    WebhookEvent.MatchCreated,
                    WebhookEvent.AlertRaised,
                    WebhookEvent.ObjectionOpened,
                    WebhookEvent.ObjectionResolved,
                    WebhookEvent.ListMembersAdded,
                ],
                Secret
            )
        );

        using var response = await bank.Client.Http.PostAsync(
            new Uri($"/api/v1/webhooks/{webhook.Id}/ping", UriKind.Relative),
            null
        );

        Assert.That(
            response.StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted),
            await response.Content.ReadAsStringAsync()
        );
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/webhooks/{webhook.Id}/deliveries"));
        var queued = (await response.Content.ReadFromJsonAsync<WebhookDeliveryDto>(FinanceMatchJson.Options))!;
        Assert.That((queued.EventType, queued.Attempts), Is.EqualTo((WebhookEvent.Ping, 0)));
        var delivery = await WebhookDeliveries.DeliveredAsync(bank.Client, webhook.Id, queued.Id);
        Assert.That(
            (delivery.EventId, delivery.EventType, delivery.Attempts),
            Is.EqualTo((queued.EventId, WebhookEvent.Ping, 1))
        );
        Assert.That(delivery.AttemptLog.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 200 }));

        var received = pinged.Requests.Single();
        Assert.That(
            (received.WebhookId, received.EventId, received.Event),
            Is.EqualTo((queued.EventId.ToString(), queued.EventId.ToString(), "ping"))
        );
        Assert.That(WebhookDeliveries.Signatures(received), Has.Length.EqualTo(1));
        Assert.That(WebhookDeliveries.Verify(Secret, received).Id, Is.EqualTo(queued.EventId.ToString()));
        Assert.That(received.Signature, Is.EqualTo(WebhookDeliveries.Legacy(Secret, received.Body)));
        using var body = JsonDocument.Parse(received.Body);
        var data = body.RootElement.GetProperty("data");
        Assert.That(
            (
                body.RootElement.GetProperty("id").GetGuid(),
                body.RootElement.GetProperty("type").GetString(),
                data.GetProperty("webhookId").GetGuid()
            ),
            Is.EqualTo((queued.EventId, "ping", webhook.Id))
        );
        Assert.That(
            data.GetProperty("sentAt").GetDateTimeOffset(),
            Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1))
        );
        Assert.That(data.GetProperty("message").GetString(), Is.Not.Empty);

        Assert.That(other.Requests, Is.Empty, "a ping goes to the pinged webhook only, whatever the others listen for");
        Assert.That((await bank.Client.Webhooks.ListDeliveriesAsync(sibling.Id)).Items, Is.Empty);
    }

    [Test]
    public async Task APing_IsItsBanksOnly_AnotherBankGets404_AFirm403()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody("http://127.0.0.1:9/hook", [WebhookEvent.MatchCreated], Secret)
        );

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Webhooks.PingAsync(webhook.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bank.Client.Webhooks.PingAsync(Guid.NewGuid()));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Webhooks.PingAsync(webhook.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Webhooks.PingAsync(webhook.Id)
        );
        Assert.That((await bank.Client.Webhooks.ListDeliveriesAsync(webhook.Id)).Items, Is.Empty);

        await bank.Client.Webhooks.DeleteAsync(webhook.Id);
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bank.Client.Webhooks.PingAsync(webhook.Id));
    }

    [Test]
    public async Task RegisteringForPing_Is400NamingEvents()
    {
        var bank = await Actors.BankAsync();

        var messages = await Problems.ExpectFieldErrorAsync(
            "events",
            () =>
                bank.Client.Webhooks.RegisterAsync(
                    new RegisterWebhookBody(
                        "https://hooks.example.com/financematch",
                        [WebhookEvent.MatchCreated, WebhookEvent.Ping],
                        Secret
                    )
                )
        );

        Assert.That(messages, Has.Some.Contains("ping"));
        Assert.That(await bank.Client.Webhooks.ListAsync(), Is.Empty);
    }
}
