namespace FinanceMatch.Core.Feeds;

public enum FeedType
{
    Tax,
    SocialSecurity,
    Utility,
    Penalty,
    Judicial,

    /// <summary>A bank's report of its own loans, one period each (docs/LIFECYCLE.md); pushed by banks, not departments.</summary>
    LoanPerformance,
}
