namespace FinanceMatch.Client;

/// <summary>Why a webhook delivery failed verification.</summary>
public enum WebhookVerificationFailure
{
    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> is missing or empty.</summary>
    MissingHeader,

    /// <summary><c>webhook-timestamp</c> is not a number of seconds since 1970.</summary>
    InvalidTimestamp,

    /// <summary>The delivery was signed longer ago than the tolerance allows: refused as a possible replay.</summary>
    StaleTimestamp,

    /// <summary>The delivery claims to be signed further in the future than the tolerance allows.</summary>
    FutureTimestamp,

    /// <summary>No <c>v1</c> signature matches: the body or headers were changed, or the secret is not this webhook's.</summary>
    BadSignature,
}

/// <summary>
/// A webhook delivery that must not be trusted. Answer it with a 4xx status (FinanceMatch retries a delivery that is not
/// answered 2xx, and logs every attempt for the bank to see) and do not act on its body.
/// </summary>
public sealed class WebhookVerificationException : Exception
{
    /// <summary>A verification failure with its reason and a message for the receiver's log.</summary>
    /// <param name="failure">Why the delivery failed verification.</param>
    /// <param name="message">What was wrong, without the secret.</param>
    public WebhookVerificationException(WebhookVerificationFailure failure, string message)
        : base(message) => Failure = failure;

    /// <summary>Why the delivery failed verification.</summary>
    public WebhookVerificationFailure Failure { get; }
}
