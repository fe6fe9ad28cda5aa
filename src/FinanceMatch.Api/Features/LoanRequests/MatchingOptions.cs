namespace FinanceMatch.Api.Features.LoanRequests;

public sealed class MatchingOptions
{
    public const string Section = "Matching";
    /// <summary>How long a bank has to respond to a pending match before it expires.</summary>
    public int ResponseDeadlineHours { get; set; } = 72;
    /// <summary>The most matches one request gets (the best-fitting product of each bank, best banks first).</summary>
    public int MaxMatchesPerRequest { get; set; } = 20;
}
