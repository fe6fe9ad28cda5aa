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
/// <param name="Scopes">The parts of the firm's report the matched banks may read; at least one.</param>
/// <param name="ExpiresAt">When the consent ends (ISO 8601, UTC): in the future and at most 365 days ahead.</param>
public sealed record LoanConsentBody(IReadOnlyList<ConsentScope> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// Body of <c>POST /api/v1/loan-requests</c>. With <c>productId</c> the firm applies to that published product: the
/// request is checked against its rules at once (422 naming each failed rule) and matched with it alone.
/// </summary>
/// <param name="Amount">
/// The amount asked for, in yuan: more than 0 and less than one trillion, at most 2 decimals.
/// </param>
/// <param name="TermMonths">The loan term in months, 1 to 360.</param>
/// <param name="Purpose">What the loan is for, in the firm's words: required, at most 1000 characters.</param>
/// <param name="GuaranteeTypes">
/// The securities the firm can offer; at least one. A product matches when it accepts one of them.
/// </param>
/// <param name="Consent">
/// The consent that lets the banks matched to this request read the firm's report (for loan assessment); required.
/// </param>
/// <param name="MaxAnnualRate">
/// The highest annual interest rate the firm will pay, in percent (<c>3.85</c> is 3.85%): above 0, at most 36, at most
/// 4 decimals; null for any rate.
/// </param>
/// <param name="ProductId">
/// A published product (its UUID) to apply to alone; null to be matched against every published product.
/// </param>
/// <param name="PurposeCategory">What the loan is for, as a category; <c>other</c> when left out.</param>
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
/// <param name="Id">The request's id (a UUID).</param>
/// <param name="EnterpriseId">The id (a UUID) of the firm that posted the request.</param>
/// <param name="Amount">The amount asked for, in yuan.</param>
/// <param name="TermMonths">The loan term asked for, in months.</param>
/// <param name="Purpose">What the loan is for, in the firm's words.</param>
/// <param name="GuaranteeTypes">The securities the firm can offer, each once.</param>
/// <param name="MaxAnnualRate">
/// The highest annual interest rate the firm will pay, in percent (<c>3.85</c> is 3.85%); null for any rate.
/// </param>
/// <param name="Status">Where the request is.</param>
/// <param name="ConsentId">The id (a UUID) of the consent created with the request.</param>
/// <param name="CreatedAt">When the request was posted (ISO 8601, UTC).</param>
/// <param name="MatchedAt">When matching last finished (ISO 8601, UTC); null until the first matching run.</param>
/// <param name="Matches">The request's matches, best rank first; a bank sees only its own.</param>
/// <param name="ProductId">
/// The product the firm applied to alone; null when matched against every published product.
/// </param>
/// <param name="Referrals">
/// How many times the firm asked to be matched again after a decline, 0 to 3; always 0 for a bank.
/// </param>
/// <param name="PurposeCategory">What the loan is for, as a category.</param>
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
/// <param name="Rule">
/// The rule's name, such as <c>amount</c>, <c>termMonths</c>, <c>minGrade</c> or <c>minAnnualTaxPaid</c>.
/// </param>
/// <param name="Required">
/// What the product requires, as display text (for example <c>at least 600</c> or <c>100000.00–3000000.00</c>).
/// </param>
/// <param name="Actual">What the request and the firm have, as display text; omitted for a bank.</param>
/// <param name="Passed">
/// Whether the rule passed: true for every rule of a match, false for a near miss's failed rules.
/// </param>
public sealed record RuleCheckDto(
    string Rule,
    string Required,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Actual,
    bool? Passed = null
);

/// <summary>The fit score's parts: price (40), guarantee (20), eligibility margin (20), amount (10) and term (10) points.</summary>
/// <param name="Price">
/// Points for the product's lowest rate for this firm (after any list discount), 0 to 40: 40 at 3% or less, 0 at 12% or
/// more.
/// </param>
/// <param name="Guarantee">Points for the share of the firm's securities the product accepts, 0 to 20.</param>
/// <param name="EligibilityMargin">
/// Points for how comfortably the firm clears the product's requirements, 0 to 20 (10 when the product sets none).
/// </param>
/// <param name="Amount">
/// Points for where the amount sits in the product's range, 0 to 10: 10 in the middle, 0 at either end.
/// </param>
/// <param name="Term">
/// Points for where the term sits in the product's range, 0 to 10: 10 in the middle, 0 at either end.
/// </param>
public sealed record FitDto(int Price, int Guarantee, int EligibilityMargin, int Amount, int Term);

/// <summary>A request paired with one bank's product, and the bank's workflow on it.</summary>
/// <param name="Id">The match's id (a UUID); a disbursed loan keeps it.</param>
/// <param name="LoanRequestId">The id (a UUID) of the loan request.</param>
/// <param name="EnterpriseId">The id (a UUID) of the firm that asked.</param>
/// <param name="ProductId">The id (a UUID) of the matched product.</param>
/// <param name="ProductVersion">
/// The product version the match was made from; an offer is checked against its terms.
/// </param>
/// <param name="ProductName">The product's name in that version.</param>
/// <param name="InstitutionId">The id (a UUID) of the bank that offers the product.</param>
/// <param name="Rank">
/// The match's place among the request's matches, 1 the best fit; a referral's matches rank after earlier ones.
/// </param>
/// <param name="FitScore">How well the product fits the request, 0 to 100: the sum of the parts in <c>fit</c>.</param>
/// <param name="Fit">The parts of the fit score.</param>
/// <param name="Reasons">
/// Every rule checked, with what the product requires and, except for a bank, what the firm has.
/// </param>
/// <param name="Status">Where the match is in the bank's workflow.</param>
/// <param name="ApprovedAmount">The amount the bank offered, in yuan; null until it approves.</param>
/// <param name="AnnualRate">
/// The annual interest rate the bank offered, in percent (<c>3.85</c> is 3.85%); null until it approves.
/// </param>
/// <param name="TermMonths">The term the bank offered, in months; null until it approves.</param>
/// <param name="DeclineReason">The bank's reason for declining, for the firm to read; null unless declined.</param>
/// <param name="DisbursedAmount">The amount paid out, in yuan; null until disbursed.</param>
/// <param name="DisbursedOn">The day the loan was paid out (<c>YYYY-MM-DD</c>); null until disbursed.</param>
/// <param name="CreatedAt">When the match was made (ISO 8601, UTC).</param>
/// <param name="FirstRespondedAt">
/// When the bank first responded to the pending match, by reviewing or declining it (ISO 8601, UTC); null until then.
/// </param>
/// <param name="UpdatedAt">When the match last changed state (ISO 8601, UTC).</param>
/// <param name="Guarantee">
/// The guarantor the match relies on, when a guarantee is the only security both the product and the request allow;
/// else null.
/// </param>
/// <param name="DeclineReasonCode">The bank's reason for declining, as a code; null unless declined.</param>
/// <param name="PolicyIds">
/// The ids (UUIDs) of the government policies that apply to a loan from this match; null for a bank.
/// </param>
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
/// <param name="ProductId">The id (a UUID) of the published product.</param>
/// <param name="ProductVersion">The product version checked: its current published one.</param>
/// <param name="InstitutionId">The id (a UUID) of the bank that offers the product.</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="FailedRules">
/// The one or two rules the firm failed, each with what the product requires and what the firm has.
/// </param>
public sealed record NearMissDto(
    Guid ProductId,
    int ProductVersion,
    Guid InstitutionId,
    string ProductName,
    IReadOnlyList<RuleCheckDto> FailedRules
);

/// <summary>Body of <c>POST /api/v1/matches/{id}/approve</c>: the bank's offer.</summary>
/// <param name="Amount">
/// The amount offered, in yuan: more than 0, at most 2 decimals, and no more than the firm asked for.
/// </param>
/// <param name="AnnualRate">
/// The annual interest rate offered, in percent (<c>3.85</c> is 3.85%): at most 4 decimals and within the matched
/// product version's rate range.
/// </param>
/// <param name="TermMonths">
/// The term offered in months, 1 to 360 and within the matched product version's term range.
/// </param>
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
/// <param name="Reason">Why the bank declines, for the firm to read: required, at most 1000 characters.</param>
/// <param name="ReasonCode">The reason as a code; <c>other</c> when left out.</param>
public sealed record DeclineMatchBody(string Reason, DeclineReasonCode? ReasonCode = null);

/// <summary>
/// Body of <c>POST /api/v1/matches/{id}/disburse</c>. <c>firstLoan</c>: the firm had no loan from any bank before this
/// one (首贷), as the bank knows from the credit bureau; programmes for first loans only cover such loans.
/// <c>guaranteeType</c>: how the loan is secured, one both the product and the request allow; when left out, credit
/// (unsecured) if both allow it, else the first type both allow.
/// </summary>
/// <param name="Amount">
/// The amount paid out, in yuan: more than 0, at most 2 decimals, and no more than the approved amount.
/// </param>
/// <param name="DisbursedOn">
/// The day the loan was paid out (<c>YYYY-MM-DD</c>): not in the future and not before the approval.
/// </param>
/// <param name="FirstLoan">True when the firm had no loan from any bank before this one (首贷); false by default.</param>
/// <param name="GuaranteeType">
/// How the loan is secured: a type both the product and the request allow (only <c>guarantee</c> when the match relies
/// on a guarantor); when left out, <c>credit</c> if both allow it, else the first type both allow.
/// </param>
public sealed record DisburseMatchBody(
    decimal Amount,
    DateOnly DisbursedOn,
    bool FirstLoan = false,
    GuaranteeType? GuaranteeType = null
);
