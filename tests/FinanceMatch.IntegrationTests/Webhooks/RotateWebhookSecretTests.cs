using System.Net;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Webhooks;

public sealed class RotateWebhookSecretTests
{
    private const string Secret = "bank-webhook-secret-0123456789";

    [Test]
    public async Task AfterRotation_DeliveriesCarryV1SignaturesWithTheNewAndTheOldSecret_UntilTheOldOneExpires()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );
        Assert.That(webhook.SecretRotatedAt, Is.Null);
        Assert.That(webhook.PreviousSecretExpiresAt, Is.Null);

        var rotated = await bank.Client.Webhooks.RotateSecretAsync(webhook.Id);

        Assert.That(rotated.WebhookId, Is.EqualTo(webhook.Id));
        Assert.That(rotated.Secret, Is.Not.EqualTo(Secret));
        Assert.That(rotated.Secret, Has.Length.EqualTo(43), "256 random bits, base64url");
        Assert.That(rotated.SecretRotatedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(rotated.PreviousSecretExpiresAt, Is.EqualTo(rotated.SecretRotatedAt.AddHours(24)));
        var listed = (await bank.Client.Webhooks.ListAsync()).Single();
        Assert.That(
            (listed.SecretRotatedAt, listed.PreviousSecretExpiresAt),
            Is.EqualTo(((DateTimeOffset?)rotated.SecretRotatedAt, (DateTimeOffset?)rotated.PreviousSecretExpiresAt))
        );

        var during = await PingAsync(bank, webhook.Id, receiver);
        var signatures = WebhookDeliveries.Signatures(during);
        Assert.That(signatures, Has.Length.EqualTo(2), "webhook-signature: v1,<new> v1,<old>");
        WebhookDeliveries.Verify(rotated.Secret, during with { WebhookSignature = signatures[0] });
        WebhookDeliveries.Verify(Secret, during with { WebhookSignature = signatures[1] });
        // A receiver verifies the whole header, whichever of the two secrets it holds.
        Assert.That(WebhookDeliveries.Verify(rotated.Secret, during).Id, Is.EqualTo(during.WebhookId));
        Assert.That(WebhookDeliveries.Verify(Secret, during).Id, Is.EqualTo(during.WebhookId));
        Assert.That(
            during.Signature,
            Is.EqualTo(WebhookDeliveries.Legacy(rotated.Secret, during.Body)),
            "the deprecated header uses the new secret only"
        );

        // What the clock does after Webhooks:PreviousSecretHours.
        await Sql.ExecuteAsync(
            "UPDATE financematch.webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1",
            webhook.Id
        );
        var after = await PingAsync(bank, webhook.Id, receiver);
        Assert.That(WebhookDeliveries.Signatures(after), Has.Length.EqualTo(1));
        WebhookDeliveries.Verify(rotated.Secret, after);
        Assert.That(
            WebhookDeliveries.RefusalOf(Secret, after),
            Is.EqualTo(WebhookVerificationFailure.BadSignature),
            "the old secret signs no more"
        );
        Assert.That(after.Signature, Is.EqualTo(WebhookDeliveries.Legacy(rotated.Secret, after.Body)));
    }

    [Test]
    public async Task ASecondRotation_KeepsOnlyTheSecretItReplaces()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );

        var second = await bank.Client.Webhooks.RotateSecretAsync(webhook.Id);
        var third = await bank.Client.Webhooks.RotateSecretAsync(webhook.Id);

        Assert.That(third.Secret, Is.Not.EqualTo(second.Secret));
        var received = await PingAsync(bank, webhook.Id, receiver);
        var signatures = WebhookDeliveries.Signatures(received);
        Assert.That(signatures, Has.Length.EqualTo(2));
        WebhookDeliveries.Verify(third.Secret, received with { WebhookSignature = signatures[0] });
        WebhookDeliveries.Verify(second.Secret, received with { WebhookSignature = signatures[1] });
        Assert.That(WebhookDeliveries.RefusalOf(Secret, received), Is.EqualTo(WebhookVerificationFailure.BadSignature));
    }

    [Test]
    public async Task AnotherBanksWebhook_Is404_AFirm403_AndTheSecretStays()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(receiver.Url, [WebhookEvent.MatchCreated], Secret)
        );

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Webhooks.RotateSecretAsync(webhook.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bank.Client.Webhooks.RotateSecretAsync(Guid.NewGuid())
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Webhooks.RotateSecretAsync(webhook.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Webhooks.RotateSecretAsync(webhook.Id)
        );

        Assert.That((await bank.Client.Webhooks.ListAsync()).Single().SecretRotatedAt, Is.Null);
        var received = await PingAsync(bank, webhook.Id, receiver);
        WebhookDeliveries.Verify(Secret, received);
    }

    /// <summary>Pings the webhook and returns the request its receiver got for that ping.</summary>
    private static async Task<WebhookReceiver.Received> PingAsync(
        Actors.Party<CreatedInstitution> bank,
        Guid webhookId,
        WebhookReceiver receiver
    )
    {
        var ping = await bank.Client.Webhooks.PingAsync(webhookId);
        await WebhookDeliveries.DeliveredAsync(bank.Client, webhookId, ping.Id);
        return receiver.Requests.Single(r => r.WebhookId == ping.EventId.ToString());
    }
}
