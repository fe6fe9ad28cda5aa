namespace FinanceMatch.Core.Feeds;

public enum FeedType
{
    Tax,
    SocialSecurity,
    Utility,
    Penalty,
    Judicial,

    /// <summary>The housing provident fund centre: monthly contributing employees, amount paid, arrears.</summary>
    HousingFund,

    /// <summary>The IP office: patents and trademarks granted.</summary>
    IntellectualProperty,

    /// <summary>The real-estate registry: mortgages registered and seizures of the firm's property.</summary>
    RealEstate,

    /// <summary>Credit-enhancing honours: A-level taxpayer, 专精特新 designations, awards.</summary>
    Honour,

    /// <summary>The market regulator: the firm's registration facts and status, abnormal-operation and serious-violation listings.</summary>
    Registration,

    /// <summary>A bank's report of its own loans, one period each (docs/LIFECYCLE.md); pushed by banks, not departments.</summary>
    LoanPerformance,

    /// <summary>The members of a department's list, by USCC (docs/POLICIES.md); uploaded to the list, not pushed as a feed.</summary>
    ListMembers,
}

public static class FeedTypes
{
    /// <summary>Whether the feed holds a department's records of firms (what a department supplies and a firm disputes).</summary>
    public static bool IsDepartmentRecord(this FeedType feedType) =>
        feedType is not (FeedType.LoanPerformance or FeedType.ListMembers);
}
