namespace FinanceMatch.Core.Idempotency;

/// <summary>
/// One use of an <c>Idempotency-Key</c> by one caller: claimed while the first request runs,
/// then holding that request's response so that a repeat gets the same answer.
/// </summary>
public sealed class IdempotencyRecord
{
    public string CallerScope { get; set; } = null!;
    public string Key { get; set; } = null!;
    public string RequestHash { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? Location { get; set; }
    public string? ResponseBody { get; set; }

    public bool IsCompleted => CompletedAt is not null;
}
