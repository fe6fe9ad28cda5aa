using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Matching;

public enum MatchStatus
{
    Pending,
    UnderReview,
    Approved,
    Accepted,
    Disbursed,
    Declined,
    Withdrawn,
    Expired,
}

/// <summary>Why a bank declined a match, as a code statistics and referrals can count on (the text says more).</summary>
public enum DeclineReason
{
    OutsideRiskAppetite,
    InsufficientCollateral,
    InsufficientRepaymentCapacity,
    PoorCreditHistory,
    IncompleteData,
    ProductMismatch,
    Other,
}

/// <summary>The guarantor a match relies on (政银担), and its terms as they stood when the match was made.</summary>
public sealed record MatchGuarantee(Guid GuaranteeId, Guid InstitutionId, decimal CoverageRatio, decimal AnnualFeeRate);

/// <summary>
/// A pairing of a loan request with one bank's product, and the bank's workflow on it. Every state change goes through
/// a method here, which refuses any move the contract does not draw (409); concurrent changes of one match are settled
/// by its row version (the loser gets 409 too).
/// </summary>
public sealed class Match
{
    public static readonly IReadOnlyList<MatchStatus> OpenStatuses =
    [
        MatchStatus.Pending,
        MatchStatus.UnderReview,
        MatchStatus.Approved,
    ];

    /// <summary>Matches whose bank the request's consent covers: every state but the ones that ended the bank's part.</summary>
    public static readonly IReadOnlyList<MatchStatus> ConsentCoveredStatuses =
    [
        MatchStatus.Pending,
        MatchStatus.UnderReview,
        MatchStatus.Approved,
        MatchStatus.Accepted,
        MatchStatus.Disbursed,
    ];

    private Match() { }

    public Guid Id { get; private set; }
    public Guid LoanRequestId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid ProductId { get; private set; }
    public int ProductVersion { get; private set; }

    /// <summary>The product's name in the version the match was made from.</summary>
    public string ProductName { get; private set; } = null!;
    public Guid InstitutionId { get; private set; }
    public int Rank { get; private set; }
    public int FitScore { get; private set; }

    /// <summary>Why it matched: every rule checked, with what was required and what the firm had (JSON).</summary>
    public string Reasons { get; private set; } = "[]";

    /// <summary>The fit score's parts (JSON).</summary>
    public string Fit { get; private set; } = "{}";
    public MatchStatus Status { get; private set; }
    public decimal? ApprovedAmount { get; private set; }
    public decimal? AnnualRate { get; private set; }
    public int? TermMonths { get; private set; }
    public string? DeclineReason { get; private set; }
    public DeclineReason? DeclineReasonCode { get; private set; }
    public decimal? DisbursedAmount { get; private set; }
    public DateOnly? DisbursedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>The request's guarantee, when this match relies on it: the loan is only secured by the guarantor's cover.</summary>
    /// <summary>The government policies (subsidies, bonuses) that apply to a loan made from this match, as matching found them.</summary>
    public List<Guid> PolicyIds { get; private set; } = [];

    public Guid? GuaranteeId { get; private set; }
    public Guid? GuarantorId { get; private set; }
    public decimal? GuaranteeCoverageRatio { get; private set; }
    public decimal? GuaranteeFeeRate { get; private set; }

    /// <summary>
    /// Whether a match of a product to a request relies on a guarantor: the only security both allow is a guarantee.
    /// One that also allows credit, a mortgage or a pledge is made without one.
    /// </summary>
    public static bool ReliesOnGuarantee(
        IEnumerable<Products.GuaranteeType> productAllows,
        IEnumerable<Products.GuaranteeType> requestAllows
    ) => productAllows.Intersect(requestAllows).SequenceEqual([Products.GuaranteeType.Guarantee]);

    /// <summary>Records the policies that apply to the match (before it is first written).</summary>
    public Match WithPolicies(IEnumerable<Guid> policyIds)
    {
        PolicyIds = policyIds.Distinct().Order().ToList();
        return this;
    }

    public static Match Create(
        Guid loanRequestId,
        Guid enterpriseId,
        Guid productId,
        int productVersion,
        string productName,
        Guid institutionId,
        int rank,
        int fitScore,
        string reasons,
        string fit,
        MatchGuarantee? guarantee,
        DateTimeOffset now
    ) =>
        new()
        {
            GuaranteeId = guarantee?.GuaranteeId,
            GuarantorId = guarantee?.InstitutionId,
            GuaranteeCoverageRatio = guarantee?.CoverageRatio,
            GuaranteeFeeRate = guarantee?.AnnualFeeRate,
            Id = Guid.CreateVersion7(now),
            LoanRequestId = loanRequestId,
            EnterpriseId = enterpriseId,
            ProductId = productId,
            ProductVersion = productVersion,
            ProductName = productName,
            InstitutionId = institutionId,
            Rank = rank,
            FitScore = fitScore,
            Reasons = reasons,
            Fit = fit,
            Status = MatchStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public bool IsOpen => OpenStatuses.Contains(Status);

    public void Review(DateTimeOffset now) => Move(MatchStatus.UnderReview, now, MatchStatus.Pending);

    /// <summary>
    /// The bank's offer: no more than the firm asked for, at a rate and for a term within the terms of the product
    /// version the firm was matched to (422 otherwise), from under review only (409 otherwise).
    /// </summary>
    public void Approve(
        decimal amount,
        decimal annualRate,
        int termMonths,
        Products.ProductTerms terms,
        decimal requested,
        DateTimeOffset now
    )
    {
        if (amount > requested)
            throw new UnprocessableException($"The offer cannot exceed the {requested:0.00} the firm asked for.");
        if (annualRate < terms.MinAnnualRate || annualRate > terms.MaxAnnualRate)
            throw new UnprocessableException(
                $"The rate must lie within the product's {terms.MinAnnualRate}–{terms.MaxAnnualRate}%."
            );
        if (termMonths < terms.MinTermMonths || termMonths > terms.MaxTermMonths)
            throw new UnprocessableException(
                $"The term must lie within the product's {terms.MinTermMonths}–{terms.MaxTermMonths} months."
            );
        Move(MatchStatus.Approved, now, MatchStatus.UnderReview);
        ApprovedAmount = amount;
        AnnualRate = annualRate;
        TermMonths = termMonths;
        ApprovedAt = now;
    }

    public void Decline(string reason, DeclineReason code, DateTimeOffset now)
    {
        Move(MatchStatus.Declined, now, MatchStatus.Pending, MatchStatus.UnderReview);
        DeclineReason = reason.Trim();
        DeclineReasonCode = code;
        ClosedAt = now;
    }

    public void Accept(DateTimeOffset now) => Move(MatchStatus.Accepted, now, MatchStatus.Approved);

    /// <summary>The accepted offer paid out: no more than approved, not before the approval (422), from accepted only (409).</summary>
    public void Disburse(decimal amount, DateOnly disbursedOn, DateTimeOffset now)
    {
        if (ApprovedAt is { } approvedAt && disbursedOn < DateOnly.FromDateTime(approvedAt.UtcDateTime))
            throw new UnprocessableException("A loan cannot be disbursed before it was approved.");
        if (Status == MatchStatus.Accepted && amount > ApprovedAmount)
            throw new UnprocessableException($"The disbursed amount cannot exceed the approved {ApprovedAmount:0.00}.");
        Move(MatchStatus.Disbursed, now, MatchStatus.Accepted);
        DisbursedAmount = amount;
        DisbursedOn = disbursedOn;
        ClosedAt = now;
    }

    /// <summary>The request was cancelled or another offer accepted.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        Move(MatchStatus.Withdrawn, now, [.. OpenStatuses]);
        ClosedAt = now;
    }

    /// <summary>The bank did not respond in time.</summary>
    public void Expire(DateTimeOffset now)
    {
        Move(MatchStatus.Expired, now, MatchStatus.Pending);
        ClosedAt = now;
    }

    private void Move(MatchStatus to, DateTimeOffset now, params MatchStatus[] from)
    {
        if (!from.Contains(Status))
            throw new ConflictException($"A match that is {Status.Wire()} cannot become {to.Wire()}.");
        // The bank's first move, whatever it is, is its first response (statistics measure the time to it).
        if (Status == MatchStatus.Pending && to is MatchStatus.UnderReview or MatchStatus.Declined)
            FirstRespondedAt ??= now;
        Status = to;
        UpdatedAt = now;
    }
}

internal sealed class MatchConfiguration : IEntityTypeConfiguration<Match>
{
    public void Configure(EntityTypeBuilder<Match> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ProductName).HasMaxLength(200);
        builder.Property(m => m.Reasons).HasColumnType("jsonb");
        builder.Property(m => m.Fit).HasColumnType("jsonb");
        builder.Property(m => m.AnnualRate).HasPrecision(7, 4);
        builder.Property(m => m.DeclineReason).HasMaxLength(1000);
        builder.Property(m => m.DeclineReasonCode).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.RowVersion).IsRowVersion();
        builder.Property(m => m.GuaranteeCoverageRatio).HasPrecision(5, 4);
        builder.Property(m => m.GuaranteeFeeRate).HasPrecision(7, 4);
        builder.HasOne<Guarantees.Guarantee>().WithMany().HasForeignKey(m => m.GuaranteeId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(m => m.GuarantorId);
        builder.HasOne<LoanRequests.LoanRequest>().WithMany().HasForeignKey(m => m.LoanRequestId);
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(m => m.EnterpriseId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(m => m.InstitutionId);
        builder.HasOne<Products.ProductVersion>().WithMany().HasForeignKey(m => new { m.ProductId, m.ProductVersion });
        builder.HasIndex(m => new { m.LoanRequestId, m.ProductId }).IsUnique();
        // One accepted offer per request, whatever races the API lets through.
        builder
            .HasIndex(m => m.LoanRequestId)
            .IsUnique()
            .HasFilter("status IN ('Accepted', 'Disbursed')")
            .HasDatabaseName("ux_matches_one_accepted_offer_per_request");
        builder.HasIndex(m => new
        {
            m.InstitutionId,
            m.Status,
            m.CreatedAt,
        });
        builder.HasIndex(m => new { m.EnterpriseId, m.CreatedAt });
        builder.HasIndex(m => m.CreatedAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_matches_pending_since");
    }
}
