using System.Text.Json.Serialization;

namespace FinanceMatch.Client.Contracts;

/// <summary>Where a loan request is.</summary>
public enum LoanRequestStatus
{
    /// <summary>Just posted; the matching engine is at work.</summary>
    Matching,

    /// <summary>At least one product matched.</summary>
    Matched,

    /// <summary>No published product matched (see the near misses).</summary>
    NoMatch,

    /// <summary>The firm accepted a bank's offer.</summary>
    OfferAccepted,

    /// <summary>The loan was disbursed.</summary>
    Fulfilled,

    /// <summary>The firm cancelled the request.</summary>
    Cancelled,
}

/// <summary>Where a match is in the bank's workflow.</summary>
public enum MatchStatus
{
    /// <summary>Made; the bank has not responded.</summary>
    Pending,

    /// <summary>The bank is assessing the firm.</summary>
    UnderReview,

    /// <summary>The bank made an offer.</summary>
    Approved,

    /// <summary>The firm accepted the offer.</summary>
    Accepted,

    /// <summary>The loan was paid out.</summary>
    Disbursed,

    /// <summary>The bank said no.</summary>
    Declined,

    /// <summary>The request was cancelled or another offer accepted.</summary>
    Withdrawn,

    /// <summary>The bank did not respond in time.</summary>
    Expired,
}

/// <summary>The consent a loan request carries: it covers the banks the request is matched to.</summary>
public sealed record LoanConsentBody(IReadOnlyList<ConsentScope> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// Body of <c>POST /api/v1/loan-requests</c>. With <c>productId</c> the firm applies to that published product: the
/// request is checked against its rules at once (422 naming each failed rule) and matched with it alone.
/// </summary>
public sealed record SubmitLoanRequestBody(
    decimal Amount,
    int TermMonths,
    string Purpose,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    LoanConsentBody Consent,
    decimal? MaxAnnualRate = null,
    Guid? ProductId = null,
    PurposeCategory? PurposeCategory = null
);

/// <summary>A loan request and its matches (a bank sees only its own match).</summary>
public sealed record LoanRequestDto(
    Guid Id,
    Guid EnterpriseId,
    decimal Amount,
    int TermMonths,
    string Purpose,
    IReadOnlyList<GuaranteeType> GuaranteeTypes,
    decimal? MaxAnnualRate,
    LoanRequestStatus Status,
    Guid ConsentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? MatchedAt,
    IReadOnlyList<MatchDto> Matches,
    Guid? ProductId = null,
    int Referrals = 0,
    PurposeCategory PurposeCategory = PurposeCategory.Other
);

/// <summary>A rule of a product checked against a request: what the product requires and what the firm has.</summary>
/// <remarks>
/// <c>actual</c> is the firm's own value, shown to the firm and operators only: a bank sees the rule, its threshold and
/// whether it passed; the firm's values reach a bank only through a consented, logged report read.
/// </remarks>
public sealed record RuleCheckDto(
    string Rule,
    string Required,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actual,
    bool? Passed = null
);

/// <summary>The fit score's parts: price (40), guarantee (20), eligibility margin (20), amount (10) and term (10) points.</summary>
public sealed record FitDto(int Price, int Guarantee, int EligibilityMargin, int Amount, int Term);

/// <summary>A request paired with one bank's product, and the bank's workflow on it.</summary>
public sealed record MatchDto(
    Guid Id,
    Guid LoanRequestId,
    Guid EnterpriseId,
    Guid ProductId,
    int ProductVersion,
    string ProductName,
    Guid InstitutionId,
    int Rank,
    int FitScore,
    FitDto Fit,
    IReadOnlyList<RuleCheckDto> Reasons,
    MatchStatus Status,
    decimal? ApprovedAmount,
    decimal? AnnualRate,
    int? TermMonths,
    string? DeclineReason,
    decimal? DisbursedAmount,
    DateOnly? DisbursedOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstRespondedAt,
    DateTimeOffset UpdatedAt,
    MatchGuaranteeDto? Guarantee = null,
    DeclineReasonCode? DeclineReasonCode = null,
    IReadOnlyList<Guid>? PolicyIds = null
);

/// <summary>A published product the firm failed by one or two rules, and what would pass them.</summary>
public sealed record NearMissDto(
    Guid ProductId,
    int ProductVersion,
    Guid InstitutionId,
    string ProductName,
    IReadOnlyList<RuleCheckDto> FailedRules
);

/// <summary>Body of <c>POST /api/v1/matches/{id}/approve</c>: the bank's offer.</summary>
public sealed record ApproveMatchBody(decimal Amount, decimal AnnualRate, int TermMonths);

/// <summary>Why a bank declined, as a code (the <c>reason</c> text says more).</summary>
public enum DeclineReasonCode
{
    /// <summary>The firm or the loan lies outside what the bank lends to.</summary>
    OutsideRiskAppetite,

    /// <summary>Not enough security for the amount.</summary>
    InsufficientCollateral,

    /// <summary>The firm's turnover or cash flow would not carry the repayments.</summary>
    InsufficientRepaymentCapacity,

    /// <summary>The firm's record of paying (tax, social security, utilities, loans) speaks against it.</summary>
    PoorCreditHistory,

    /// <summary>The bank needs data the report does not hold.</summary>
    IncompleteData,

    /// <summary>Another of the bank's products would fit better.</summary>
    ProductMismatch,

    /// <summary>None of the above (the default when no code is given).</summary>
    Other,
}

/// <summary>Body of <c>POST /api/v1/matches/{id}/decline</c>: the reason the firm reads, and its code (default <c>other</c>).</summary>
public sealed record DeclineMatchBody(string Reason, DeclineReasonCode? ReasonCode = null);

/// <summary>
/// Body of <c>POST /api/v1/matches/{id}/disburse</c>. <c>firstLoan</c>: the firm had no loan from any bank before this
/// one (首贷), as the bank knows from the credit bureau; programmes for first loans only cover such loans.
/// <c>guaranteeType</c>: how the loan is secured, one both the product and the request allow; when left out, credit
/// (unsecured) if both allow it, else the first type both allow.
/// </summary>
public sealed record DisburseMatchBody(
    decimal Amount,
    DateOnly DisbursedOn,
    bool FirstLoan = false,
    GuaranteeType? GuaranteeType = null
);
