using System.Globalization;
using System.Text;
using FinanceMatch.Client;

namespace FinanceMatch.UnitTests.Sdk;

/// <summary>
/// The package's Standard Webhooks verifier: it accepts what the platform signs (the same StandardWebhooks signer the
/// delivery job uses) and the spec's own example, and refuses everything a receiver must refuse, with the reason.
/// </summary>
public sealed class WebhookSignatureVerifierTests
{
    private const string Secret = "bank-webhook-secret-0123456789";
    private const string Id = "6f1c2a9e-3b7d-4e25-9a61-0c8d5e4f7a12";

    // Not ASCII on purpose: the body is signed as UTF-8.
    private const string Body =
        """{"id":"6f1c2a9e-3b7d-4e25-9a61-0c8d5e4f7a12","type":"matchCreated","data":{"name":"佛山精密模具"}}""";

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static WebhookSignatureVerifier Verifier(string secret = Secret) => new(secret, new FixedClock(Now));

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A signature as the platform's delivery job makes it.</summary>
    private static string Signed(string secret, DateTimeOffset at, string body = Body) =>
        new StandardWebhooks.StandardWebhook(Encoding.UTF8.GetBytes(secret)).Sign(Id, at, body);

    private static WebhookVerificationFailure RefusalOf(Action verify) =>
        Assert.Throws<WebhookVerificationException>(verify)!.Failure;

    [Test]
    public void ADeliveryAsThePlatformSignsIt_Verifies_AndNamesTheEventAndTheTime()
    {
        var sentAt = Now.AddSeconds(-20);

        var verified = Verifier().Verify(Id, Timestamp(sentAt), Signed(Secret, sentAt), Body);

        Assert.That(verified, Is.EqualTo(new VerifiedWebhook(Id, sentAt)));
    }

    [Test]
    public void TheRawBodyAndAHeaderLookup_VerifyAlike()
    {
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = Id,
            ["webhook-timestamp"] = Timestamp(Now),
            ["webhook-signature"] = Signed(Secret, Now),
        };

        var verified = Verifier().Verify(name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(Body));

        Assert.That(verified.Id, Is.EqualTo(Id));
        Assert.That(Verifier().Verify(name => headers.GetValueOrDefault(name), Body).Id, Is.EqualTo(Id));
    }

    [Test]
    public void TheSpecsOwnExample_Verifies()
    {
        // standard-webhooks/standard-webhooks, the libraries' test vector: key whsec_MfKQ…, its base64 the key's bytes.
        var at = DateTimeOffset.FromUnixTimeSeconds(1614265330);
        var verifier = new WebhookSignatureVerifier(
            Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            new FixedClock(at)
        );

        var verified = verifier.Verify(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "1614265330",
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            """{"test": 2432232314}"""
        );

        Assert.That(verified.Timestamp, Is.EqualTo(at));
    }

    [Test]
    public void DuringASecretRotation_TwoSignatures_AndEitherSecretVerifies()
    {
        const string previous = "the-previous-webhook-secret-0123";
        var header = $"{Signed(Secret, Now)} {Signed(previous, Now)}";

        Assert.That(Verifier(Secret).Verify(Id, Timestamp(Now), header, Body).Id, Is.EqualTo(Id));
        Assert.That(Verifier(previous).Verify(Id, Timestamp(Now), header, Body).Id, Is.EqualTo(Id));
        Assert.That(
            RefusalOf(() => Verifier("a-third-secret-nobody-gave-0123").Verify(Id, Timestamp(Now), header, Body)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
    }

    [Test]
    public void ATamperedBody_IsRefused()
    {
        var signature = Signed(Secret, Now);
        var bytes = Encoding.UTF8.GetBytes(Body);
        bytes[^3] ^= 1;

        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(Now), signature, Body.Replace("佛山", "广州"))),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(Now), signature, bytes)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
    }

    [Test]
    public void TheWrongSecret_IsRefused()
    {
        var error = Assert.Throws<WebhookVerificationException>(() =>
            Verifier("not-the-webhook-secret-0123").Verify(Id, Timestamp(Now), Signed(Secret, Now), Body)
        );

        Assert.That(error!.Failure, Is.EqualTo(WebhookVerificationFailure.BadSignature));
        Assert.That(error.Message, Does.Not.Contain(Secret).And.Not.Contain("not-the-webhook-secret-0123"));
    }

    [Test]
    public void AnotherIdOrTimestamp_ThanTheSignedOnes_IsRefused()
    {
        var signature = Signed(Secret, Now);

        Assert.That(
            RefusalOf(() => Verifier().Verify(Guid.NewGuid().ToString(), Timestamp(Now), signature, Body)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(Now.AddSeconds(1)), signature, Body)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
    }

    [TestCase(-301, WebhookVerificationFailure.StaleTimestamp)]
    [TestCase(-3600, WebhookVerificationFailure.StaleTimestamp)]
    [TestCase(301, WebhookVerificationFailure.FutureTimestamp)]
    public void ADeliverySignedMoreThanFiveMinutesAwayFromNow_IsRefused_ThoughItsSignatureIsGood(
        int seconds,
        WebhookVerificationFailure failure
    )
    {
        var sentAt = Now.AddSeconds(seconds);

        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(sentAt), Signed(Secret, sentAt), Body)),
            Is.EqualTo(failure)
        );
    }

    [TestCase(-300)]
    [TestCase(300)]
    public void ADeliveryFiveMinutesAwayFromNow_StillVerifies(int seconds)
    {
        var sentAt = Now.AddSeconds(seconds);

        Assert.That(
            Verifier().Verify(Id, Timestamp(sentAt), Signed(Secret, sentAt), Body).Timestamp,
            Is.EqualTo(sentAt)
        );
    }

    [Test]
    public void TheTolerance_CanBeNarrowed()
    {
        var sentAt = Now.AddMinutes(-2);
        var verifier = new WebhookSignatureVerifier(Secret, new FixedClock(Now))
        {
            Tolerance = TimeSpan.FromMinutes(1),
        };

        Assert.That(
            RefusalOf(() => verifier.Verify(Id, Timestamp(sentAt), Signed(Secret, sentAt), Body)),
            Is.EqualTo(WebhookVerificationFailure.StaleTimestamp)
        );
    }

    [TestCase(null, "1", "v1,x", "webhook-id")]
    [TestCase("", "1", "v1,x", "webhook-id")]
    [TestCase("msg", null, "v1,x", "webhook-timestamp")]
    [TestCase("msg", " ", "v1,x", "webhook-timestamp")]
    [TestCase("msg", "1", null, "webhook-signature")]
    [TestCase("msg", "1", "", "webhook-signature")]
    public void AMissingHeader_IsRefused_NamingIt(string? id, string? timestamp, string? signature, string header)
    {
        var error = Assert.Throws<WebhookVerificationException>(() =>
            Verifier().Verify(id, timestamp, signature, Body)
        );

        Assert.That(error!.Failure, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
        Assert.That(error.Message, Does.Contain(header));
    }

    [TestCase("soon")]
    [TestCase("-1764581400")]
    [TestCase("1764581400.5")]
    [TestCase(" 1764581400")]
    [TestCase("99999999999999999999")]
    public void ATimestampThatIsNotSecondsSince1970_IsRefused(string timestamp)
    {
        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, timestamp, Signed(Secret, Now), Body)),
            Is.EqualTo(WebhookVerificationFailure.InvalidTimestamp)
        );
    }

    [Test]
    public void OtherVersionsAndGarbage_AreSkipped_AndAGoodV1AmongThemVerifies()
    {
        var good = Signed(Secret, Now);
        var noise = "v1a,c2lnbmVk v2,abc v1,!!not-base64!! v1,c2hvcnQ= v1, v1 nonsense";

        Assert.That(Verifier().Verify(Id, Timestamp(Now), $"{noise} {good}", Body).Id, Is.EqualTo(Id));
        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(Now), noise, Body)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature)
        );
        Assert.That(
            RefusalOf(() => Verifier().Verify(Id, Timestamp(Now), "v1a," + good[3..], Body)),
            Is.EqualTo(WebhookVerificationFailure.BadSignature),
            "a v1 signature under another version's name counts for nothing"
        );
    }
}
