using System.Security.Cryptography;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Waits for one webhook delivery to be delivered, and checks signatures the way a receiver computes them.</summary>
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
    /// Standard Webhooks v1, computed here from the spec: <c>v1,</c> and the base64 HMAC-SHA256 over
    /// <c>id.timestamp.body</c>, keyed with the UTF-8 bytes of the secret.
    /// </summary>
    public static string V1(string secret, WebhookReceiver.Received received) =>
        "v1,"
        + Convert.ToBase64String(
            HMACSHA256.HashData(
                Encoding.UTF8.GetBytes(secret),
                Encoding.UTF8.GetBytes($"{received.WebhookId}.{received.WebhookTimestamp}.{received.Body}")
            )
        );

    /// <summary>The deprecated <c>X-FinanceMatch-Signature</c>: the hex HMAC-SHA256 of the raw body alone.</summary>
    public static string Legacy(string secret, string body) =>
        "sha256="
        + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    /// <summary>The signatures of <c>webhook-signature</c>, which the spec separates by spaces.</summary>
    public static string[] Signatures(WebhookReceiver.Received received) =>
        (received.WebhookSignature ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
