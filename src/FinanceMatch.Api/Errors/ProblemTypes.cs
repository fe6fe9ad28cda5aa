namespace FinanceMatch.Api.Errors;

/// <summary>The <c>type</c> URIs of problems a client is expected to tell apart from others of the same status.</summary>
public static class ProblemTypes
{
    private const string Base = "https://financematch.dev/problems/";

    /// <summary>403: the firm's registration is not verified yet.</summary>
    public const string VerificationRequired = Base + "verification-required";

    /// <summary>429: too many failed verification attempts.</summary>
    public const string TooManyAttempts = Base + "too-many-attempts";
}
