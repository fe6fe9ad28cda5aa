using FinanceMatch.Core.Common;
using FinanceMatch.Core.Webhooks;

namespace FinanceMatch.UnitTests.Webhooks;

/// <summary>Which secrets sign a delivery at a given time, and what a ping and a redelivery are.</summary>
public sealed class WebhookSecretRotationTests
{
    private static readonly DateTimeOffset RotatedAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    private static Webhook Registered() =>
        new()
        {
            Id = Guid.NewGuid(),
            InstitutionId = Guid.NewGuid(),
            Url = "https://hooks.bank.example/financematch",
            Events = [WebhookEvent.MatchCreated],
            ProtectedSecret = "first",
            CreatedAt = RotatedAt.AddDays(-30),
        };

    [Test]
    public void NeverRotated_TheSecretAloneSigns()
    {
        var webhook = Registered();

        Assert.That(webhook.SecretsValidAt(RotatedAt), Is.EqualTo(new[] { "first" }));
        Assert.That(webhook.SecretRotatedAt, Is.Null);
        Assert.That(webhook.PreviousSecretExpiresAt, Is.Null);
    }

    [Test]
    public void AfterARotation_TheNewSecretSignsFirst_AndThePreviousBesideIt_UntilItExpires()
    {
        var webhook = Registered();

        webhook.RotateSecret("second", RotatedAt, Overlap);

        Assert.That(webhook.SecretRotatedAt, Is.EqualTo(RotatedAt));
        Assert.That(webhook.PreviousSecretExpiresAt, Is.EqualTo(RotatedAt + Overlap));
        Assert.That(webhook.SecretsValidAt(RotatedAt), Is.EqualTo(new[] { "second", "first" }));
        Assert.That(
            webhook.SecretsValidAt((RotatedAt + Overlap).AddTicks(-10)),
            Is.EqualTo(new[] { "second", "first" })
        );
        Assert.That(webhook.SecretsValidAt(RotatedAt + Overlap), Is.EqualTo(new[] { "second" }));
        Assert.That(webhook.SecretsValidAt(RotatedAt.AddDays(90)), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public void ASecondRotation_DropsTheFirstSecretAtOnce()
    {
        var webhook = Registered();
        webhook.RotateSecret("second", RotatedAt, Overlap);

        webhook.RotateSecret("third", RotatedAt.AddHours(1), Overlap);

        Assert.That(webhook.SecretsValidAt(RotatedAt.AddHours(1)), Is.EqualTo(new[] { "third", "second" }));
        Assert.That(webhook.PreviousSecretExpiresAt, Is.EqualTo(RotatedAt.AddHours(1) + Overlap));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void WithoutAnOverlap_ThePreviousSecretStopsAtTheRotation(int hours)
    {
        var webhook = Registered();

        webhook.RotateSecret("second", RotatedAt, TimeSpan.FromHours(hours));

        Assert.That(webhook.PreviousSecretExpiresAt, Is.EqualTo(RotatedAt));
        Assert.That(webhook.SecretsValidAt(RotatedAt), Is.EqualTo(new[] { "second" }));
    }

    [Test]
    public void NoWebhookSubscribesToPing_AndAPingIsForTheWebhookPinged()
    {
        var webhook = Registered();

        var ping = webhook.Ping(Guid.NewGuid(), "{}", RotatedAt);

        Assert.That(
            Enum.GetValues<WebhookEvent>().Where(e => !Webhook.CanSubscribeTo(e)),
            Is.EqualTo(new[] { WebhookEvent.Ping })
        );
        Assert.That(
            (ping.WebhookId, ping.InstitutionId, ping.EventType, ping.Status, ping.NextAttemptAt),
            Is.EqualTo((webhook.Id, webhook.InstitutionId, WebhookEvent.Ping, DeliveryStatus.Pending, RotatedAt))
        );
    }

    [Test]
    public void ARedelivery_IsTheSameEventAndBody_WithAttemptsOfItsOwn_UnlessTheBodyIsGone()
    {
        var webhook = Registered();
        var original = WebhookDelivery.Pending(
            webhook.Id,
            webhook.InstitutionId,
            Guid.NewGuid(),
            WebhookEvent.MatchCreated,
            """{"id":"x"}""",
            RotatedAt
        );
        original.Status = DeliveryStatus.Delivered;
        original.Attempts = 3;

        var again = webhook.Redeliver(original, alreadyPending: false, RotatedAt.AddDays(-29), RotatedAt.AddDays(1));

        Assert.That(again.Id, Is.Not.EqualTo(original.Id));
        Assert.That(
            (again.WebhookId, again.EventId, again.EventType, again.Payload),
            Is.EqualTo((original.WebhookId, original.EventId, original.EventType, original.Payload))
        );
        Assert.That(
            (again.Status, again.Attempts, again.NextAttemptAt),
            Is.EqualTo((DeliveryStatus.Pending, 0, RotatedAt.AddDays(1)))
        );
        Assert.Throws<ConflictException>(
            () => webhook.Redeliver(original, alreadyPending: true, RotatedAt.AddDays(-29), RotatedAt.AddDays(1)),
            "an event already being sent to this webhook"
        );
        Assert.Throws<ConflictException>(
            () => webhook.Redeliver(original, alreadyPending: false, RotatedAt.AddDays(1), RotatedAt.AddDays(31)),
            "older than the bodies kept: a redelivery would keep its body past the retention"
        );
        original.Payload = "";
        Assert.Throws<ConflictException>(
            () => webhook.Redeliver(original, alreadyPending: false, RotatedAt.AddDays(-29), RotatedAt.AddDays(1)),
            "a body retention has emptied"
        );
        Assert.That(original.AttemptsAllowed(8), Is.EqualTo(8));
        Assert.That(
            webhook.Ping(Guid.NewGuid(), "{}", RotatedAt).AttemptsAllowed(8),
            Is.EqualTo(1),
            "a ping is tried once"
        );
    }
}
