using System.Net;
using FinanceMatch.Api.Features.Webhooks;
using FinanceMatch.Client.Contracts;
using Microsoft.Extensions.Options;

namespace FinanceMatch.UnitTests.Webhooks;

public sealed class WebhookSafetyTests
{
    private static readonly IOptions<WebhookOptions> Production = Options.Create(
        new WebhookOptions { AllowHttp = false, AllowPrivateNetworks = false }
    );
    private static readonly IOptions<WebhookOptions> Development = Options.Create(
        new WebhookOptions { AllowHttp = true, AllowPrivateNetworks = true }
    );

    [TestCase(10, 60, true)]
    [TestCase(10, 15, true)]
    [TestCase(2, 7, true)]
    [TestCase(10, 14, false)]
    [TestCase(10, 2, false)]
    [TestCase(0, 60, false)]
    public void ALease_MustOutlastThePostItCovers(int timeoutSeconds, int leaseSeconds, bool accepted) =>
        Assert.That(
            new WebhookOptions { TimeoutSeconds = timeoutSeconds, LeaseSeconds = leaseSeconds }.Problem() is null,
            Is.EqualTo(accepted)
        );

    [TestCase("127.0.0.1")]
    [TestCase("127.8.9.10")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fc00::1")]
    [TestCase("::ffff:10.0.0.1")]
    public void PrivateLoopbackAndLinkLocalAddresses_AreInside(string address) =>
        Assert.That(WebhookAddresses.IsPrivate(IPAddress.Parse(address)), Is.True);

    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("203.0.113.7")]
    [TestCase("2001:4860:4860::8888")]
    public void PublicAddresses_AreNot(string address) =>
        Assert.That(WebhookAddresses.IsPrivate(IPAddress.Parse(address)), Is.False);

    [TestCase("http://hooks.example.com/x", "https")]
    [TestCase("https://127.0.0.1/x", "loopback or private")]
    [TestCase("https://localhost:8443/x", "loopback or private")]
    [TestCase("https://api.localhost/x", "loopback or private")]
    [TestCase("https://10.0.0.5/x", "loopback or private")]
    [TestCase("https://[::1]/x", "loopback or private")]
    [TestCase("https://169.254.169.254/latest/meta-data", "loopback or private")]
    public void InProduction_OnlyHttpsToThePublicInternet_IsAccepted(string url, string complaint)
    {
        var result = new RegisterWebhook.BodyValidator(Production).Validate(
            new RegisterWebhookBody(url, [WebhookEvent.MatchCreated], "a-long-enough-secret")
        );
        Assert.That(
            result.Errors.Where(e => e.PropertyName == "Url").Select(e => e.ErrorMessage),
            Has.Some.Contains(complaint)
        );
    }

    [Test]
    public void InProduction_AnHttpsUrlOnAPublicHost_IsAccepted_AndInDevelopmentLoopbackHttpToo()
    {
        var secret = "a-long-enough-secret";
        Assert.That(
            new RegisterWebhook.BodyValidator(Production)
                .Validate(
                    new RegisterWebhookBody(
                        "https://hooks.bank.example/financematch",
                        [WebhookEvent.AlertRaised],
                        secret
                    )
                )
                .IsValid,
            Is.True
        );
        Assert.That(
            new RegisterWebhook.BodyValidator(Development)
                .Validate(new RegisterWebhookBody("http://127.0.0.1:5000/hook", [WebhookEvent.AlertRaised], secret))
                .IsValid,
            Is.True
        );
    }

    [Test]
    public void TheRetryWait_DoublesFromTheBase_UpToAnHour()
    {
        var options = new WebhookOptions { RetryBaseMilliseconds = 30_000 };
        Assert.That(
            Enumerable.Range(1, 5).Select(options.RetryDelay),
            Is.EqualTo(new[] { 30, 60, 120, 240, 480 }.Select(s => TimeSpan.FromSeconds(s)))
        );
        Assert.That(options.RetryDelay(20), Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [Test]
    public void TheSignature_IsTheHexHmacSha256OfTheRawBody()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.That(
            DeliverWebhook.Signature("Jefe", "what do ya want for nothing?"u8.ToArray()),
            Is.EqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        );
    }
}
