namespace FinanceMatch.Core.Feeds;

/// <summary>Columns every applied feed record carries: who sent it and which batch last wrote it.</summary>
public abstract class FeedRecord
{
    public string Uscc { get; set; } = null!;
    public Guid DepartmentId { get; set; }
    public Guid BatchId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Natural key: uscc + period.</summary>
public sealed class TaxRecord : FeedRecord
{
    public DateOnly Period { get; set; }
    public decimal TaxPaid { get; set; }
    public decimal TaxableRevenue { get; set; }
    public decimal Arrears { get; set; }
    public string? TaxCreditRating { get; set; }
}

/// <summary>Natural key: uscc + period.</summary>
public sealed class SocialSecurityRecord : FeedRecord
{
    public DateOnly Period { get; set; }
    public int InsuredEmployees { get; set; }
    public decimal ContributionPaid { get; set; }
    public decimal Arrears { get; set; }
}

/// <summary>Natural key: uscc + period + kind.</summary>
public sealed class UtilityRecord : FeedRecord
{
    public DateOnly Period { get; set; }
    public string Kind { get; set; } = null!;
    public decimal Consumption { get; set; }
    public decimal AmountBilled { get; set; }
    public decimal AmountOverdue { get; set; }
}

/// <summary>Natural key: department + decisionNo.</summary>
public sealed class PenaltyRecord : FeedRecord
{
    public string DecisionNo { get; set; } = null!;
    public DateOnly DecidedOn { get; set; }
    public string Authority { get; set; } = null!;
    public string Severity { get; set; } = null!;
    public decimal Amount { get; set; }
    public DateOnly? RevokedOn { get; set; }

    /// <summary>The department's own end of publicity, when later than the severity's (ProfileOptions); null: the severity's.</summary>
    public DateOnly? PublicityEndsOn { get; set; }

    /// <summary>The day an approved credit repair stopped the penalty counting (never written by a feed: a re-sent record keeps it).</summary>
    public DateOnly? RepairedOn { get; set; }
}

/// <summary>Natural key: department + caseNo.</summary>
public sealed class JudicialRecord : FeedRecord
{
    public string CaseNo { get; set; } = null!;
    public DateOnly FiledOn { get; set; }
    public string Kind { get; set; } = null!;
    public decimal Amount { get; set; }
    public DateOnly? ClosedOn { get; set; }
}

/// <summary>Natural key: uscc + period.</summary>
public sealed class HousingFundRecord : FeedRecord
{
    public DateOnly Period { get; set; }
    public int ContributingEmployees { get; set; }
    public decimal AmountPaid { get; set; }
    public decimal Arrears { get; set; }
}

/// <summary>Natural key: uscc + number.</summary>
public sealed class IntellectualPropertyRecord : FeedRecord
{
    public string Number { get; set; } = null!;
    public string Kind { get; set; } = null!;
    public DateOnly GrantedOn { get; set; }
    public string Status { get; set; } = null!;
}

/// <summary>Natural key: uscc + certificateNo + kind.</summary>
public sealed class RealEstateRecord : FeedRecord
{
    public string CertificateNo { get; set; } = null!;
    public string Kind { get; set; } = null!;
    public decimal Amount { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public DateOnly? ReleasedOn { get; set; }
}

/// <summary>Natural key: uscc + kind + grantedOn.</summary>
public sealed class HonourRecord : FeedRecord
{
    public string Kind { get; set; } = null!;
    public DateOnly GrantedOn { get; set; }
    public string Level { get; set; } = null!;
    public string? Title { get; set; }
    public DateOnly? ValidUntil { get; set; }
}

/// <summary>
/// The market regulator's record of a firm. Natural key: uscc + entryId. The registration itself has the empty entry id
/// (record <c>registration</c>: name, legal representative, established on, registered capital, status); each listing on
/// the abnormal-operation or serious-violation list is an entry of its own (listed on, reason, removed on).
/// </summary>
public sealed class RegistrationRecord : FeedRecord
{
    public const string Registration = "registration";
    public const string AbnormalOperation = "abnormalOperation";
    public const string SeriousViolation = "seriousViolation";

    public string EntryId { get; set; } = "";
    public string Record { get; set; } = null!;
    public string? Name { get; set; }
    public string? LegalRepresentative { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public decimal? RegisteredCapital { get; set; }
    public string? Status { get; set; }
    public DateOnly? ListedOn { get; set; }
    public string? Reason { get; set; }
    public DateOnly? RemovedOn { get; set; }
}

/// <summary>
/// A USCC whose profile must be rebuilt because a committed batch touched it. Written in the batch's own transaction;
/// the profile rebuild drains it (coalescing many batches into one rebuild per firm).
/// </summary>
public sealed class ProfileRebuildRequest
{
    public string Uscc { get; set; } = null!;
    public DateTimeOffset RequestedAt { get; set; }
}

/// <summary>
/// A job that has been asked for and is scheduled but has not started yet: the first request schedules it, later
/// ones find the row and do nothing, so a burst of requests is coalesced into one run.
/// </summary>
public sealed class PendingJobTrigger
{
    public string Name { get; set; } = null!;
    public DateTimeOffset RequestedAt { get; set; }
}
