using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Guarantees;

public enum GuaranteeStatus
{
    /// <summary>In the guarantor's inbox.</summary>
    Pending,

    /// <summary>The guarantor takes the loan on: its amount is held against the guarantee product's capacity.</summary>
    Approved,

    Declined,

    /// <summary>Not needed any more: the request was cancelled or the firm took an offer that does not rely on it.</summary>
    Withdrawn,

    /// <summary>The loan was paid out: the guarantor covers it until it ends.</summary>
    Active,

    /// <summary>The loan was settled or recovered: the capacity is free again.</summary>
    Released,

    /// <summary>The loan defaulted and the bank claims the covered share of its loss.</summary>
    Claimed,
    Paid,
    ClaimRejected,
}

/// <summary>
/// A guarantor's part of a loan request (政银担): made by the matching run when the firm asks for a <c>guarantee</c> and a
/// published guarantee product covers it, attached to every match that relies on it, decided by the guarantor in its own
/// inbox. <c>pending → approved → active → (released | claimed → (paid | claimRejected))</c>; <c>pending → declined</c>;
/// <c>pending | approved → withdrawn</c>. Every move goes through a method here (409 otherwise); <see cref="Committed"/>
/// is what it holds of its product's capacity, and the handlers move the product's total by the same amount.
/// </summary>
public sealed class Guarantee
{
    /// <summary>The statuses in which the guarantor still has a part in the request or the loan.</summary>
    public static readonly IReadOnlyList<GuaranteeStatus> InPlayStatuses =
    [
        GuaranteeStatus.Pending,
        GuaranteeStatus.Approved,
        GuaranteeStatus.Active,
        GuaranteeStatus.Claimed,
    ];

    private Guarantee() { }

    public Guid Id { get; private set; }
    public Guid LoanRequestId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid GuaranteeProductId { get; private set; }

    /// <summary>The guarantor or insurer.</summary>
    public Guid InstitutionId { get; private set; }

    /// <summary>The share of the bank's loss the guarantor bears, and its annual fee, as the product stated them at matching.</summary>
    public decimal CoverageRatio { get; private set; }
    public decimal AnnualFeeRate { get; private set; }

    /// <summary>The principal asked to be guaranteed: the request's amount.</summary>
    public decimal Amount { get; private set; }
    public int TermMonths { get; private set; }
    public GuaranteeStatus Status { get; private set; }

    /// <summary>What this guarantee holds of its product's capacity: the amount once approved, the loan once paid out, else 0.</summary>
    public decimal Committed { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>The loan it covers, once paid out (the loan's id is its match's).</summary>
    public Guid? LoanId { get; private set; }
    public decimal? ClaimedLoss { get; private set; }

    /// <summary>What the guarantor owes on the claim: the covered share of the loss.</summary>
    public decimal? ClaimAmount { get; private set; }
    public string? ClaimNote { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public DateTimeOffset? ClaimDecidedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static Guarantee Offer(
        LoanRequests.LoanRequest request,
        GuaranteeProduct product,
        GuaranteeTerms terms,
        DateTimeOffset now
    )
    {
        if (product.Status != GuaranteeProductStatus.Published)
            throw new ConflictException("Only a published guarantee product covers loans.");
        return new()
        {
            Id = Guid.CreateVersion7(now),
            LoanRequestId = request.Id,
            EnterpriseId = request.EnterpriseId,
            GuaranteeProductId = product.Id,
            InstitutionId = product.InstitutionId,
            CoverageRatio = terms.CoverageRatio,
            AnnualFeeRate = terms.AnnualFeeRate,
            Amount = request.Amount,
            TermMonths = request.TermMonths,
            Status = GuaranteeStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public bool IsInPlay => InPlayStatuses.Contains(Status);

    /// <summary>The guarantor takes the loan on; the handler has already held <see cref="Amount"/> of the product's capacity.</summary>
    public void Approve(DateTimeOffset now)
    {
        Move(GuaranteeStatus.Approved, now, GuaranteeStatus.Pending);
        Committed = Amount;
        DecidedAt = now;
    }

    public void Decline(string reason, DateTimeOffset now)
    {
        Move(GuaranteeStatus.Declined, now, GuaranteeStatus.Pending);
        DeclineReason = reason.Trim();
        DecidedAt = now;
    }

    /// <summary>Not needed any more; returns what it held of the capacity.</summary>
    public decimal Withdraw(DateTimeOffset now)
    {
        Move(GuaranteeStatus.Withdrawn, now, GuaranteeStatus.Pending, GuaranteeStatus.Approved);
        return Free();
    }

    /// <summary>
    /// The offer relying on it was accepted: only an approved guarantee lets the firm take it (409), since a loan the
    /// guarantor has not agreed to cover could not be paid out.
    /// </summary>
    public void RequireApproved()
    {
        if (Status != GuaranteeStatus.Approved)
            throw new ConflictException(
                $"The offer relies on a guarantee that is {Status.Wire()}; it can be taken once the guarantor approves."
            );
    }

    /// <summary>The loan was paid out: the guarantee covers it, holding the principal paid out; returns what it no longer holds.</summary>
    public decimal Activate(Guid loanId, decimal disbursed, DateTimeOffset now)
    {
        RequireApproved();
        Move(GuaranteeStatus.Active, now, GuaranteeStatus.Approved);
        LoanId = loanId;
        var freed = Committed - Math.Min(Committed, disbursed);
        Committed -= freed;
        return freed;
    }

    /// <summary>The loan ended without loss; returns the capacity it held.</summary>
    public decimal Release(DateTimeOffset now)
    {
        Move(GuaranteeStatus.Released, now, GuaranteeStatus.Active);
        return Free();
    }

    /// <summary>
    /// The bank claims the covered share of its loss on a defaulted (or written-off) loan: no more than the principal
    /// outstanding (422), from an active guarantee only (409).
    /// </summary>
    public void Claim(Loans.Loan loan, decimal loss, DateTimeOffset now)
    {
        if (loan.Id != LoanId)
            throw new ConflictException("This guarantee does not cover this loan.");
        if (loan.Status is not (Loans.LoanStatus.Defaulted or Loans.LoanStatus.WrittenOff))
            throw new ConflictException($"Only a defaulted loan can be claimed on; this one is {loan.Status.Wire()}.");
        if (loss > loan.PrincipalOutstanding)
            throw UnprocessableException.For(
                "loss",
                $"The loss cannot exceed the principal outstanding, {loan.PrincipalOutstanding:0.00}."
            );
        // A loss too small to be worth a cent under the coverage is still claimed (worth 0): the guarantor settles it,
        // and a programme after it is not left waiting for a claim that cannot be made.
        var amount = Math.Round(Math.Min(loss, Committed) * CoverageRatio, 2, MidpointRounding.ToZero);
        Move(GuaranteeStatus.Claimed, now, GuaranteeStatus.Active);
        ClaimedLoss = loss;
        ClaimAmount = amount;
        ClaimedAt = now;
    }

    /// <summary>The guarantor pays the claim, if its loan is still in default or written off (recovered: 409); returns the capacity it held.</summary>
    public decimal PayClaim(Loans.LoanStatus loanStatus, string? note, DateTimeOffset now)
    {
        if (
            Status == GuaranteeStatus.Claimed
            && loanStatus is not (Loans.LoanStatus.Defaulted or Loans.LoanStatus.WrittenOff)
        )
            throw new ConflictException($"The loan is {loanStatus.Wire()} now; reject the claim instead.");
        Move(GuaranteeStatus.Paid, now, GuaranteeStatus.Claimed);
        return DecideClaim(note, now);
    }

    public decimal RejectClaim(string note, DateTimeOffset now)
    {
        Move(GuaranteeStatus.ClaimRejected, now, GuaranteeStatus.Claimed);
        return DecideClaim(note, now);
    }

    /// <summary>
    /// What the guarantor has settled on the loan, which a risk-compensation claim comes after: null while its claim
    /// is still to be made or decided (the bank claims from the guarantor first), else what it paid (0 if rejected).
    /// </summary>
    public decimal? SettledPayout =>
        Status switch
        {
            GuaranteeStatus.Paid => ClaimAmount,
            GuaranteeStatus.ClaimRejected => 0,
            GuaranteeStatus.Active or GuaranteeStatus.Claimed => null,
            _ => 0,
        };

    private decimal DecideClaim(string? note, DateTimeOffset now)
    {
        ClaimNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ClaimDecidedAt = now;
        return Free();
    }

    private decimal Free()
    {
        var freed = Committed;
        Committed = 0;
        return freed;
    }

    private void Move(GuaranteeStatus to, DateTimeOffset now, params GuaranteeStatus[] from)
    {
        if (!from.Contains(Status))
            throw new ConflictException($"A guarantee that is {Status.Wire()} cannot become {to.Wire()}.");
        Status = to;
        UpdatedAt = now;
    }
}

internal sealed class GuaranteeConfiguration : IEntityTypeConfiguration<Guarantee>
{
    public void Configure(EntityTypeBuilder<Guarantee> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(g => g.CoverageRatio).HasPrecision(5, 4);
        builder.Property(g => g.AnnualFeeRate).HasPrecision(7, 4);
        builder.Property(g => g.DeclineReason).HasMaxLength(1000);
        builder.Property(g => g.ClaimNote).HasMaxLength(1000);
        builder.Property(g => g.RowVersion).IsRowVersion();
        builder.HasOne<LoanRequests.LoanRequest>().WithMany().HasForeignKey(g => g.LoanRequestId);
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(g => g.EnterpriseId);
        builder.HasOne<GuaranteeProduct>().WithMany().HasForeignKey(g => g.GuaranteeProductId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(g => g.InstitutionId);
        builder.HasOne<Loans.Loan>().WithMany().HasForeignKey(g => g.LoanId);
        // One guarantor per request.
        builder.HasIndex(g => g.LoanRequestId).IsUnique();
        builder.HasIndex(g => new
        {
            g.InstitutionId,
            g.Status,
            g.CreatedAt,
        });
        builder.HasIndex(g => g.LoanId);
        builder.ToTable(t =>
            t.HasCheckConstraint("ck_guarantees_committed_within_amount", "committed >= 0 AND committed <= amount")
        );
    }
}
