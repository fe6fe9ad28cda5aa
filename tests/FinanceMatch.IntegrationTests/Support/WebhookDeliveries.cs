using System.Security.Cryptography;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Waits for one webhook delivery to be delivered, and checks signatures the way a bank's receiver does.</summary>
public static class WebhookDeliveries
{
    public static async Task<WebhookDeliveryDto> DeliveredAsync(
        FinanceMatchClient bank,
        Guid webhookId,
        Guid deliveryId
    )
    {
        WebhookDeliveryDto? delivery = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                delivery = (await bank.Webhooks.ListDeliveriesAsync(webhookId, pageSize: 500)).Items.SingleOrDefault(
                    d => d.Id == deliveryId
                );
                return delivery?.Status == DeliveryStatus.Delivered;
            },
            TimeSpan.FromSeconds(20),
            () => $"delivery {deliveryId} was not delivered (last seen: {delivery})"
        );
        return delivery!;
    }

    /// <summary>
    /// The delivery checked with the package's <see cref="WebhookSignatureVerifier"/>, as a bank's receiver checks it:
    /// throws <see cref="WebhookVerificationException"/> when it refuses it. (WebhookTests computes v1 from the spec
    /// itself, so that the verifier is not its own judge.)
    /// </summary>
    public static VerifiedWebhook Verify(string secret, WebhookReceiver.Received received) =>
        new WebhookSignatureVerifier(secret).Verify(
            received.WebhookId,
            received.WebhookTimestamp,
            received.WebhookSignature,
            received.Body
        );

    /// <summary>Why the package's verifier refuses the delivery with this secret.</summary>
    public static WebhookVerificationFailure RefusalOf(string secret, WebhookReceiver.Received received) =>
        Assert.Throws<WebhookVerificationException>(() => Verify(secret, received))!.Failure;

    /// <summary>The deprecated <c>X-FinanceMatch-Signature</c>: the hex HMAC-SHA256 of the raw body alone.</summary>
    public static string Legacy(string secret, string body) =>
        "sha256="
        + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>The signatures of <c>webhook-signature</c>, which the spec separates by spaces.</summary>
    public static string[] Signatures(WebhookReceiver.Received received) =>
        (received.WebhookSignature ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
