namespace FinanceMatch.Core.Common;

/// <summary>Base of the business errors the API turns into problem responses.</summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The object does not exist, or the caller may not know that it exists (404).</summary>
public sealed class NotFoundException(string what = "The resource was not found.") : DomainException(what);

/// <summary>The request clashes with the current state or with an existing object (409).</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>The request is well formed but cannot be carried out (422); <see cref="Errors"/> names the fields at fault, if any.</summary>
public sealed class UnprocessableException(string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : DomainException(message)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>422 naming one field and why.</summary>
    public static UnprocessableException For(string field, string reason) =>
        new(reason, new Dictionary<string, string[]> { [field] = [reason] });
}

/// <summary>Too many attempts of something that is limited per party (429 with Retry-After).</summary>
public sealed class TooManyAttemptsException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The caller is known but not allowed to do this (403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
