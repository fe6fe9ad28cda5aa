namespace FinanceMatch.Api.Features.Webhooks;

/// <summary>Webhook delivery settings (<c>Webhooks:*</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Plain-http URLs; off in Production (true by default only in Development and Testing).</summary>
    public bool? AllowHttp { get; set; }

    /// <summary>Loopback, private and link-local addresses, checked at registration and again at every connection; off in Production.</summary>
    public bool? AllowPrivateNetworks { get; set; }

    /// <summary>The wait after the first failed attempt; it doubles after each further failure, up to an hour.</summary>
    public int RetryBaseMilliseconds { get; set; } = 30_000;

    /// <summary>Attempts before a delivery is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long the body of a delivered or failed delivery is kept; the delivery log (attempts, codes) stays.</summary>
    public int PayloadRetentionDays { get; set; } = 30;

    /// <summary>
    /// How long a rotated-out secret keeps signing beside the new one (deliveries carry both <c>v1</c> signatures), so
    /// a receiver can switch to the new secret without refusing a delivery; 0 or less ends it at the rotation.
    /// </summary>
    public int PreviousSecretHours { get; set; } = 24;

    /// <summary>The most webhooks one bank may register.</summary>
    public const int MaxPerInstitution = 10;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How long a worker holds a delivery while it posts it; a dead worker's delivery is taken again after this. It must
    /// outlast the POST (<see cref="TimeoutSeconds"/>) and the write of its result by <see cref="LeaseMarginSeconds"/>,
    /// or a slow but live worker's delivery would be posted a second time.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>What a lease must leave beyond the POST's timeout for writing the attempt's result.</summary>
    public const int LeaseMarginSeconds = 5;

    /// <summary>What is wrong with these settings, or null: a lease that can run out while its worker still waits for the POST.</summary>
    public string? Problem() =>
        TimeoutSeconds <= 0 ? "the timeout must be positive"
        : LeaseSeconds < TimeoutSeconds + LeaseMarginSeconds
            ? $"the lease ({LeaseSeconds} s) must exceed the timeout ({TimeoutSeconds} s) by {LeaseMarginSeconds} s"
        : PreviousSecretHours is < 0 or > 168
            ? $"Webhooks__PreviousSecretHours must be 0 to 168 (a rotated-out secret signs for at most a week), was {PreviousSecretHours}"
        : null;

    public TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromMilliseconds(
            Math.Min(3_600_000d, RetryBaseMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1)))
        );
}
