using FinanceMatch.Core.Common;
using FinanceMatch.Core.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.LoanRequests;

public enum LoanRequestStatus
{
    Matching,
    Matched,
    NoMatch,
    OfferAccepted,
    Fulfilled,
    Cancelled,
}

/// <summary>A firm's ask for a loan. It is matched once, right after it is posted, against the published products.</summary>
public sealed class LoanRequest
{
    private LoanRequest() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public decimal Amount { get; private set; }
    public int TermMonths { get; private set; }
    public string Purpose { get; private set; } = null!;

    /// <summary>What the loan is for, as a category: all the demand hall shows of the purpose.</summary>
    public DemandHall.PurposeCategory PurposeCategory { get; private set; }
    public List<GuaranteeType> GuaranteeTypes { get; private set; } = [];
    public decimal? MaxAnnualRate { get; private set; }

    /// <summary>The firm's credit grade when it posted the request (null: unrated then); statistics group requests by it.</summary>
    public string? GradeWhenPosted { get; private set; }
    public LoanRequestStatus Status { get; private set; }
    public Guid ConsentId { get; private set; }

    /// <summary>The product the firm applied to, when it chose one: the request is matched with that product alone.</summary>
    public Guid? ProductId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? MatchedAt { get; private set; }

    /// <summary>How many times the firm asked to be matched again after a decline (a referral), and when it last did.</summary>
    public int Referrals { get; private set; }
    public DateTimeOffset? ReferredAt { get; private set; }

    /// <summary>
    /// The request's id in the demand hall: random (its own id is time-ordered and would tell when it was posted) and
    /// the only id of it a bank sees there.
    /// </summary>
    public Guid HallId { get; private set; }

    /// <summary>Matches the firm made by confirming banks' interest in the demand hall.</summary>
    public int HallMatches { get; private set; }

    /// <summary>How many times a request may be referred: each skips the banks that saw it before, so few are left after.</summary>
    public const int MaxReferrals = 3;
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static LoanRequest Submit(
        Guid enterpriseId,
        decimal amount,
        int termMonths,
        string purpose,
        IEnumerable<GuaranteeType> guaranteeTypes,
        decimal? maxAnnualRate,
        string? gradeWhenPosted,
        Guid consentId,
        Guid id,
        DateTimeOffset now,
        Guid? productId = null,
        DemandHall.PurposeCategory purposeCategory = DemandHall.PurposeCategory.Other
    ) =>
        new()
        {
            ProductId = productId,
            PurposeCategory = purposeCategory,
            HallId = Guid.NewGuid(),
            GradeWhenPosted = gradeWhenPosted,
            Id = id,
            EnterpriseId = enterpriseId,
            Amount = amount,
            TermMonths = termMonths,
            Purpose = purpose.Trim(),
            GuaranteeTypes = guaranteeTypes.Distinct().Order().ToList(),
            MaxAnnualRate = maxAnnualRate,
            Status = LoanRequestStatus.Matching,
            ConsentId = consentId,
            CreatedAt = now,
        };

    public bool IsAwaitingMatching => Status == LoanRequestStatus.Matching;

    public void RecordMatches(int count, DateTimeOffset now)
    {
        if (Status != LoanRequestStatus.Matching)
            throw new ConflictException("The request has already been matched.");
        Status = count > 0 ? LoanRequestStatus.Matched : LoanRequestStatus.NoMatch;
        MatchedAt = now;
    }

    /// <summary>
    /// The firm confirmed a bank's interest from the demand hall: the request is matched again (its row changes, so a
    /// cancellation racing the confirmation loses one way or the other). Only a request nobody holds an offer for is in
    /// the hall (the caller checks its matches); a cancelled or fulfilled one is 409.
    /// </summary>
    public void MatchFromDemandHall()
    {
        if (Status is not (LoanRequestStatus.Matched or LoanRequestStatus.NoMatch))
            throw new ConflictException($"A request that is {Status.Wire()} is not in the demand hall.");
        Status = LoanRequestStatus.Matched;
        HallMatches++;
    }

    /// <summary>
    /// A firm a bank declined asks to be matched again with the banks that have not seen the request (the UK Bank
    /// Referral Scheme's idea): only when a bank declined it, no offer is in play any more and its consent is still in
    /// force, for a request not made to one product, at most <see cref="MaxReferrals"/> times (409 otherwise). The request
    /// waits for matching again.
    /// </summary>
    public void Refer(IReadOnlyCollection<Matching.Match> matches, bool consentInForce, DateTimeOffset now)
    {
        if (Status is not (LoanRequestStatus.Matched or LoanRequestStatus.NoMatch))
            throw new ConflictException($"A request that is {Status.Wire()} cannot be referred.");
        if (ProductId is not null)
            throw new ConflictException(
                "A request made to one product is not referred: apply to another product, or post a request for every bank."
            );
        if (!consentInForce)
            throw new ConflictException(
                "The request's consent was revoked or has expired: new banks could not read the report. Post a new request."
            );
        if (matches.Any(m => m.IsOpen || m.Status is Matching.MatchStatus.Accepted or Matching.MatchStatus.Disbursed))
            throw new ConflictException("An offer of this request is still in play; it is referred once none is.");
        if (!matches.Any(m => m.Status == Matching.MatchStatus.Declined))
            throw new ConflictException("Only a request a bank declined is referred to the others.");
        if (Referrals >= MaxReferrals)
            throw new ConflictException($"A request is referred at most {MaxReferrals} times; post a new one.");
        Status = LoanRequestStatus.Matching;
        Referrals++;
        ReferredAt = now;
    }

    public void Cancel(DateTimeOffset now)
    {
        if (Status is not (LoanRequestStatus.Matching or LoanRequestStatus.Matched or LoanRequestStatus.NoMatch))
            throw new ConflictException($"A request that is {Status.Wire()} cannot be cancelled.");
        Status = LoanRequestStatus.Cancelled;
        ClosedAt = now;
    }

    public void AcceptOffer()
    {
        if (Status != LoanRequestStatus.Matched)
            throw new ConflictException(
                $"Offers can be accepted only on a matched request; this one is {Status.Wire()}."
            );
        Status = LoanRequestStatus.OfferAccepted;
    }

    public void Fulfil(DateTimeOffset now)
    {
        if (Status != LoanRequestStatus.OfferAccepted)
            throw new ConflictException($"A request that is {Status.Wire()} cannot be fulfilled.");
        Status = LoanRequestStatus.Fulfilled;
        ClosedAt = now;
    }
}

/// <summary>
/// The W3C <c>traceparent</c> of the API call that posted a request, a shadow column (no rule of the request reads it):
/// the matching run continues that trace, so one request's trace runs from the call into its matches' deliveries.
/// </summary>
public static class LoanRequestTrace
{
    public const string Property = "TraceParent";
    public const int MaxLength = 55;
}

internal sealed class LoanRequestConfiguration : IEntityTypeConfiguration<LoanRequest>
{
    public void Configure(EntityTypeBuilder<LoanRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property<string?>(LoanRequestTrace.Property).HasMaxLength(LoanRequestTrace.MaxLength);
        builder.Property(r => r.Purpose).HasMaxLength(1000);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.PurposeCategory).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(r => r.HallId).IsUnique();
        builder.Property(r => r.MaxAnnualRate).HasPrecision(7, 4);
        builder.Property(r => r.GradeWhenPosted).HasMaxLength(3);
        builder.PrimitiveCollection(r => r.GuaranteeTypes).ElementType(e => e.HasConversion<string>());
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(r => r.EnterpriseId);
        builder.HasOne<Consents.Consent>().WithOne().HasForeignKey<LoanRequest>(r => r.ConsentId);
        builder.HasOne<Products.Product>().WithMany().HasForeignKey(r => r.ProductId);
        builder.HasIndex(r => new { r.EnterpriseId, r.CreatedAt });
        // The few referred requests (statistics count them).
        builder
            .HasIndex(r => r.CreatedAt, "ix_loan_requests_referred")
            .HasFilter("referred_at IS NOT NULL")
            .HasDatabaseName("ix_loan_requests_referred");
        // Two indexes on one column need names of their own: unnamed, EF took the second for the first and kept only it,
        // so requests by posting day (statistics) had no index.
        builder
            .HasIndex(r => r.CreatedAt, "ix_loan_requests_created_at")
            .HasDatabaseName("ix_loan_requests_created_at");
        // Requests a crashed process left unmatched are found and matched again.
        builder
            .HasIndex(r => r.CreatedAt, "ix_loan_requests_awaiting_matching")
            .HasFilter("status = 'Matching'")
            .HasDatabaseName("ix_loan_requests_awaiting_matching");
    }
}
