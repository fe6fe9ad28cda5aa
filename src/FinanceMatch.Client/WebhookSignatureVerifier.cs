using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FinanceMatch.Client;

/// <summary>
/// Checks that a webhook delivery comes from FinanceMatch and is recent, as Standard Webhooks
/// (https://www.standardwebhooks.com) specifies: <c>webhook-signature</c> holds space-separated <c>v1,&lt;base64
/// HMAC-SHA256&gt;</c> signatures over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, and one matching is enough (the
/// platform signs with two secrets for a while after a rotation); <c>webhook-timestamp</c>, in seconds since 1970, may
/// differ from now by <see cref="Tolerance"/> at most, so a captured delivery cannot be replayed later.
/// </summary>
/// <remarks>
/// Verify the raw body exactly as it arrived, before parsing it. A verified delivery's <see cref="VerifiedWebhook.Id"/>
/// is the same on every retry and redelivery of an event: keep the ids handled in the last few minutes and drop repeats.
/// Thread-safe; one instance can serve every request.
/// </remarks>
public sealed class WebhookSignatureVerifier
{
    /// <summary>The header with the event's id.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header with the time the delivery was sent, in seconds since 1970-01-01 UTC.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header with the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private const int SignatureLength = 32;
    private static readonly long LatestTimestamp = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly byte[] key;
    private readonly TimeProvider clock;
    private readonly TimeSpan tolerance = TimeSpan.FromMinutes(5);

    /// <summary>A verifier for the webhook secret you registered, or the one a rotation returned (its UTF-8 bytes are the key).</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="timeProvider">The clock the timestamp is compared with; the system's by default.</param>
    public WebhookSignatureVerifier(string secret, TimeProvider? timeProvider = null)
        : this(KeyOf(secret), timeProvider) { }

    /// <summary>
    /// A verifier for a key given as bytes (a Standard Webhooks <c>whsec_</c> secret is the base64 of its key); for a
    /// FinanceMatch webhook use the constructor that takes the secret.
    /// </summary>
    /// <param name="key">The HMAC key.</param>
    /// <param name="timeProvider">The clock the timestamp is compared with; the system's by default.</param>
    public WebhookSignatureVerifier(byte[] key, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
            throw new ArgumentException("The webhook key is empty.", nameof(key));
        this.key = (byte[])key.Clone();
        clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far the timestamp may be from now, before or after: five minutes unless set.</summary>
    public TimeSpan Tolerance
    {
        get => tolerance;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            tolerance = value;
        }
    }

    /// <summary>Verifies a delivery given its three headers and its body as text.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The body as received (it is signed as UTF-8).</param>
    /// <returns>The delivery's id and time.</returns>
    /// <exception cref="WebhookVerificationException">The delivery must not be trusted; its reason says why.</exception>
    public VerifiedWebhook Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Verifies a delivery given its headers by name (<c>name =&gt; request.Headers[name]</c>) and its body as text.</summary>
    /// <param name="header">The value of a request header, or null when absent.</param>
    /// <param name="body">The body as received (it is signed as UTF-8).</param>
    /// <returns>The delivery's id and time.</returns>
    /// <exception cref="WebhookVerificationException">The delivery must not be trusted; its reason says why.</exception>
    public VerifiedWebhook Verify(Func<string, string?> header, string body)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Verify(header(IdHeader), header(TimestampHeader), header(SignatureHeader), body);
    }

    /// <summary>Verifies a delivery given its headers by name (<c>name =&gt; request.Headers[name]</c>) and its raw body.</summary>
    /// <param name="header">The value of a request header, or null when absent.</param>
    /// <param name="body">The body's bytes as received.</param>
    /// <returns>The delivery's id and time.</returns>
    /// <exception cref="WebhookVerificationException">The delivery must not be trusted; its reason says why.</exception>
    public VerifiedWebhook Verify(Func<string, string?> header, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Verify(header(IdHeader), header(TimestampHeader), header(SignatureHeader), body);
    }

    /// <summary>Verifies a delivery given its three headers and its raw body.</summary>
    /// <param name="webhookId">The <c>webhook-id</c> header.</param>
    /// <param name="webhookTimestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="webhookSignature">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The body's bytes as received.</param>
    /// <returns>The delivery's id and time.</returns>
    /// <exception cref="WebhookVerificationException">The delivery must not be trusted; its reason says why.</exception>
    public VerifiedWebhook Verify(
        string? webhookId,
        string? webhookTimestamp,
        string? webhookSignature,
        ReadOnlySpan<byte> body
    )
    {
        if (string.IsNullOrWhiteSpace(webhookId))
            throw Missing(IdHeader);
        if (string.IsNullOrWhiteSpace(webhookTimestamp))
            throw Missing(TimestampHeader);
        if (string.IsNullOrWhiteSpace(webhookSignature))
            throw Missing(SignatureHeader);
        if (
            !long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > LatestTimestamp
        )
            throw new WebhookVerificationException(
                WebhookVerificationFailure.InvalidTimestamp,
                $"The {TimestampHeader} header is not a number of seconds since 1970."
            );
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = clock.GetUtcNow();
        if (sentAt < now - tolerance)
            throw new WebhookVerificationException(
                WebhookVerificationFailure.StaleTimestamp,
                $"The delivery was signed at {sentAt:O}, more than {tolerance} before now ({now:O}): a replay, or a clock far off."
            );
        if (sentAt > now + tolerance)
            throw new WebhookVerificationException(
                WebhookVerificationFailure.FutureTimestamp,
                $"The delivery was signed at {sentAt:O}, more than {tolerance} after now ({now:O}): a clock far off."
            );

        Span<byte> expected = stackalloc byte[SignatureLength];
        // Room for more than a signature, so that a longer value decodes (and fails the length check) instead of erroring.
        Span<byte> given = stackalloc byte[2 * SignatureLength];
        Sign(webhookId, webhookTimestamp, body, expected);
        foreach (var signature in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (v1a, an asymmetric signature) are for other receivers: skipped, as the spec says.
            var comma = signature.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || signature.AsSpan(0, comma) is not "v1")
                continue;
            if (
                Convert.TryFromBase64String(signature[(comma + 1)..], given, out var written)
                && written == SignatureLength
                && CryptographicOperations.FixedTimeEquals(given[..SignatureLength], expected)
            )
                return new VerifiedWebhook(webhookId, sentAt);
        }
        throw new WebhookVerificationException(
            WebhookVerificationFailure.BadSignature,
            $"No v1 signature in the {SignatureHeader} header matches the body with this secret: the body was changed, "
                + "the secret is not this webhook's, or the delivery is not from FinanceMatch."
        );
    }

    private void Sign(string id, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(id));
        hmac.AppendData("."u8);
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    private static byte[] KeyOf(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Encoding.UTF8.GetBytes(secret);
    }

    private static WebhookVerificationException Missing(string header) =>
        new(
            WebhookVerificationFailure.MissingHeader,
            $"The {header} header is missing: the request is not a FinanceMatch delivery, or something on the way dropped it."
        );
}

/// <summary>A delivery that passed verification.</summary>
/// <param name="Id">The event's id (<c>webhook-id</c>), the same on every retry and redelivery: the key to drop repeats.</param>
/// <param name="Timestamp">When this attempt was sent (<c>webhook-timestamp</c>).</param>
public sealed record VerifiedWebhook(string Id, DateTimeOffset Timestamp);
