namespace FinanceMatch.Core.Feeds;

public enum FeedType
{
    Tax,
    SocialSecurity,
    Utility,
    Penalty,
    Judicial,
}
