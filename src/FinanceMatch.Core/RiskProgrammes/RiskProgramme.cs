using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.RiskProgrammes;

/// <summary>
/// A risk-compensation programme (信易贷风险补偿): a department's budget that repays part of the loss on an eligible loan
/// that defaults. A loan enrols when it is paid out, reserving its maximum payout (<see cref="ExposureOf"/>) against the
/// budget; the budget is always <c>available + reserved + paid</c>, and <c>available</c> never goes below zero: the
/// reservation is one conditional UPDATE of this row, so parallel disbursements at the edge of the budget cannot both
/// take the last of it. Every movement is an entry of the fund ledger (<see cref="Funds.LedgerEntry"/>), and the entries add up to the columns.
/// </summary>
public sealed class RiskProgramme
{
    private RiskProgramme() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = null!;
    public Guid DepartmentId { get; private set; }
    public decimal Budget { get; private set; }

    /// <summary>The share of a loss the programme repays, in (0, 1].</summary>
    public decimal CoverageRatio { get; private set; }
    public decimal CapPerLoan { get; private set; }
    public RiskProgrammeEligibility Eligibility { get; private set; } = null!;

    /// <summary>Days after the default in which the bank may claim.</summary>
    public int ClaimWindowDays { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Paid { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public decimal Available => Budget - Reserved - Paid;

    public static RiskProgramme Create(
        string name,
        Guid departmentId,
        decimal budget,
        decimal coverageRatio,
        decimal capPerLoan,
        RiskProgrammeEligibility eligibility,
        int claimWindowDays,
        DateOnly validFrom,
        DateOnly validTo,
        DateTimeOffset now
    )
    {
        if (validTo < validFrom)
            throw UnprocessableException.For("validTo", "validTo cannot be before validFrom.");
        if (coverageRatio is <= 0 or > 1)
            throw UnprocessableException.For("coverageRatio", "coverageRatio lies in (0, 1].");
        return new()
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            DepartmentId = departmentId,
            Budget = budget,
            CoverageRatio = coverageRatio,
            CapPerLoan = capPerLoan,
            Eligibility = eligibility,
            ClaimWindowDays = claimWindowDays,
            ValidFrom = validFrom,
            ValidTo = validTo,
            CreatedAt = now,
        };
    }

    /// <summary>The most the programme would pay on a loan of this amount: the covered share, capped per loan.</summary>
    public decimal ExposureOf(decimal amount) => Math.Min(Math.Round(amount * CoverageRatio, 2), CapPerLoan);

    /// <summary>What a claim for this loss is worth: the covered share of the loss, never more than the reservation.</summary>
    public decimal PayoutFor(decimal loss, decimal reserved) => Math.Min(Math.Round(loss * CoverageRatio, 2), reserved);

    /// <summary>Whether a loan paid out on <paramref name="on"/> with these facts may enrol (the budget aside).</summary>
    public bool Covers(CoveredLoan loan, DateOnly on) => on >= ValidFrom && on <= ValidTo && Eligibility.Admits(loan);
}

/// <summary>What a programme asks of a loan; an empty list admits anything.</summary>
public sealed record RiskProgrammeEligibility(
    IReadOnlyList<string> Grades,
    IReadOnlyList<Guid> ProductIds,
    IReadOnlyList<string> DivisionPrefixes,
    IReadOnlyList<string> IndustryPrefixes,
    bool FirstLoansOnly
)
{
    public bool Admits(CoveredLoan loan)
    {
        if (FirstLoansOnly && !loan.FirstLoan)
            return false;
        if (ProductIds.Count > 0 && !ProductIds.Contains(loan.ProductId))
            return false;
        if (
            DivisionPrefixes.Count > 0
            && !DivisionPrefixes.Any(p => p is not null && loan.DivisionCode.StartsWith(p, StringComparison.Ordinal))
        )
            return false;
        if (
            IndustryPrefixes.Count > 0
            && !IndustryPrefixes.Any(p => p is not null && loan.IndustryCode.StartsWith(p, StringComparison.Ordinal))
        )
            return false;
        if (Grades.Count > 0 && (loan.Grade is null || !Grades.Contains(loan.Grade)))
            return false;
        return true;
    }
}

/// <summary>The facts of a loan a programme's eligibility reads.</summary>
public sealed record CoveredLoan(
    Guid ProductId,
    string DivisionCode,
    string IndustryCode,
    string? Grade,
    bool FirstLoan
);

public enum EnrolmentStatus
{
    /// <summary>The reservation stands: the loan runs, or defaulted and may still be claimed on.</summary>
    Active,

    /// <summary>A claim was paid; what was reserved beyond it went back to the budget.</summary>
    Paid,

    /// <summary>The loan ended without a loss, or its claim window passed: the reservation went back to the budget.</summary>
    Released,
}

/// <summary>A loan covered by a programme, and what the programme holds for it.</summary>
public sealed class RiskEnrolment
{
    private RiskEnrolment() { }

    public Guid LoanId { get; private set; }
    public Guid ProgrammeId { get; private set; }

    /// <summary>The maximum payout reserved at enrolment.</summary>
    public decimal Exposure { get; private set; }

    /// <summary>What is still held against the budget (the exposure while active, then 0).</summary>
    public decimal Reserved { get; private set; }
    public EnrolmentStatus Status { get; private set; }
    public DateTimeOffset EnrolledAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static RiskEnrolment Of(Guid loanId, Guid programmeId, decimal exposure, DateTimeOffset now) =>
        new()
        {
            LoanId = loanId,
            ProgrammeId = programmeId,
            Exposure = exposure,
            Reserved = exposure,
            Status = EnrolmentStatus.Active,
            EnrolledAt = now,
        };

    /// <summary>
    /// The loan ended without a loss (settled, recovered) or its claim window passed unclaimed: the whole reservation goes
    /// back to the budget. Returns how much.
    /// </summary>
    public decimal Release(DateTimeOffset now)
    {
        if (Status != EnrolmentStatus.Active)
            throw new ConflictException($"The loan's cover is {Status.Wire()}; there is nothing to release.");
        var released = Reserved;
        Reserved = 0;
        Status = EnrolmentStatus.Released;
        EndedAt = now;
        return released;
    }

    /// <summary>
    /// Whether the reservation has no more reason to stand: no claim is in play, and the loan ended well or defaulted and
    /// its claim window closed.
    /// </summary>
    public static bool IsDue(Loans.Loan loan, RiskProgramme programme, bool claimInPlay, DateOnly today) =>
        !claimInPlay
        && (
            loan.Status is Loans.LoanStatus.Settled or Loans.LoanStatus.Recovered
            || (loan.DefaultedOn is { } defaultedOn && today > defaultedOn.AddDays(programme.ClaimWindowDays))
        );

    /// <summary>A claim of <paramref name="payout"/> is paid: returns what goes back to the budget.</summary>
    public decimal Pay(decimal payout, DateTimeOffset now)
    {
        if (Status != EnrolmentStatus.Active)
            throw new ConflictException($"The loan's cover is {Status.Wire()}; nothing more can be paid on it.");
        if (payout > Reserved)
            throw new UnprocessableException($"A payout cannot exceed the {Reserved:0.00} reserved for the loan.");
        var released = Reserved - payout;
        Reserved = 0;
        Status = EnrolmentStatus.Paid;
        EndedAt = now;
        return released;
    }
}

public enum ClaimStatus
{
    Submitted,
    Approved,
    Rejected,
}

/// <summary>
/// A bank's claim on a programme for the loss on a defaulted loan, decided by the programme's department or an operator.
/// At most one claim of a loan is submitted or approved at a time; a rejected one may be filed again within the window.
/// </summary>
public sealed class RiskClaim
{
    private RiskClaim() { }

    public Guid Id { get; private set; }
    public Guid LoanId { get; private set; }
    public Guid ProgrammeId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public decimal Loss { get; private set; }

    /// <summary>What the loan's guarantor paid on the loss first (政银担); the programme covers its share of the rest.</summary>
    public decimal GuarantorPaid { get; private set; }

    /// <summary>What the programme would pay: the covered share of the loss, no more than the reservation.</summary>
    public decimal Amount { get; private set; }
    public ClaimStatus Status { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>
    /// A claim on a defaulted (or written-off) loan, filed within the programme's window after the default. A loan a
    /// guarantor covers is claimed from the guarantor first (409 until its claim is decided); the programme then covers
    /// its share of the loss the guarantor left to the bank.
    /// </summary>
    public static RiskClaim File(
        Loans.Loan loan,
        RiskProgramme programme,
        RiskEnrolment enrolment,
        Guarantees.Guarantee? guarantee,
        decimal loss,
        DateOnly today,
        DateTimeOffset now
    )
    {
        if (loan.Status is not (Loans.LoanStatus.Defaulted or Loans.LoanStatus.WrittenOff))
            throw new ConflictException($"Only a defaulted loan can be claimed on; this one is {loan.Status.Wire()}.");
        if (enrolment.Status != EnrolmentStatus.Active)
            throw new ConflictException(
                $"The loan's cover is {enrolment.Status.Wire()}; it can no longer be claimed on."
            );
        if (loan.DefaultedOn is { } defaultedOn && today > defaultedOn.AddDays(programme.ClaimWindowDays))
            throw new ConflictException(
                $"The claim window closed on {defaultedOn.AddDays(programme.ClaimWindowDays):yyyy-MM-dd}."
            );
        if (loss > loan.PrincipalOutstanding)
            throw UnprocessableException.For(
                "loss",
                $"The loss cannot exceed the principal outstanding, {loan.PrincipalOutstanding:0.00}."
            );
        var guarantorPaid = 0m;
        if (guarantee is not null)
        {
            guarantorPaid =
                guarantee.SettledPayout
                ?? throw new ConflictException(
                    $"The loan's guarantee is {guarantee.Status.Wire()}: claim from the guarantor first, and from the programme once it has decided."
                );
            if (guarantee.ClaimedLoss is { } claimed && loss != claimed)
                throw UnprocessableException.For(
                    "loss",
                    $"The loss is the one claimed from the guarantor, {claimed:0.00}: one loss, shared in turn."
                );
        }
        var amount = programme.PayoutFor(Math.Max(0, loss - guarantorPaid), enrolment.Reserved);
        if (amount <= 0)
            throw UnprocessableException.For(
                "loss",
                guarantorPaid > 0
                    ? "The guarantor's payout leaves the bank no loss worth anything under the programme's coverage."
                    : "A loss this small is worth nothing under the programme's coverage."
            );
        return new()
        {
            Id = Guid.CreateVersion7(now),
            LoanId = loan.Id,
            ProgrammeId = programme.Id,
            InstitutionId = loan.InstitutionId,
            Loss = loss,
            GuarantorPaid = guarantorPaid,
            Amount = amount,
            Status = ClaimStatus.Submitted,
            FiledAt = now,
        };
    }

    /// <summary>Pays the claim, if its loan is still in default or written off (recovered: nothing was lost; 409).</summary>
    public void Approve(Loans.LoanStatus loanStatus, string? note, DateTimeOffset now)
    {
        if (
            loanStatus is not (Loans.LoanStatus.Defaulted or Loans.LoanStatus.WrittenOff)
            && Status == ClaimStatus.Submitted
        )
            throw new ConflictException($"The loan is {loanStatus.Wire()} now; reject the claim instead.");
        Decide(ClaimStatus.Approved, note, now);
    }

    public void Reject(string note, DateTimeOffset now) => Decide(ClaimStatus.Rejected, note, now);

    private void Decide(ClaimStatus to, string? note, DateTimeOffset now)
    {
        if (Status != ClaimStatus.Submitted)
            throw new ConflictException($"A claim that is {Status.Wire()} cannot become {to.Wire()}.");
        Status = to;
        Note = note?.Trim();
        DecidedAt = now;
    }
}

internal sealed class RiskProgrammeConfiguration : IEntityTypeConfiguration<RiskProgramme>
{
    public void Configure(EntityTypeBuilder<RiskProgramme> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.CoverageRatio).HasPrecision(5, 4);
        builder.OwnsOne(p => p.Eligibility, e => e.ToJson());
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(p => p.DepartmentId);
        builder.Ignore(p => p.Available);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint(
                "ck_risk_programmes_never_over_committed",
                "reserved >= 0 AND paid >= 0 AND reserved + paid <= budget"
            );
        });
    }
}

internal sealed class RiskEnrolmentConfiguration : IEntityTypeConfiguration<RiskEnrolment>
{
    public void Configure(EntityTypeBuilder<RiskEnrolment> builder)
    {
        builder.HasKey(e => e.LoanId);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RowVersion).IsRowVersion();
        builder.HasOne<Loans.Loan>().WithOne().HasForeignKey<RiskEnrolment>(e => e.LoanId);
        builder.HasOne<RiskProgramme>().WithMany().HasForeignKey(e => e.ProgrammeId);
        builder.HasIndex(e => new { e.ProgrammeId, e.Status });
    }
}

internal sealed class RiskClaimConfiguration : IEntityTypeConfiguration<RiskClaim>
{
    public void Configure(EntityTypeBuilder<RiskClaim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.RowVersion).IsRowVersion();
        builder.HasOne<Loans.Loan>().WithMany().HasForeignKey(c => c.LoanId);
        builder.HasOne<RiskProgramme>().WithMany().HasForeignKey(c => c.ProgrammeId);
        builder.HasIndex(c => new { c.ProgrammeId, c.Status });
        builder.HasIndex(c => c.InstitutionId);
        // One claim of a loan in play at a time, whatever races the API lets through.
        builder
            .HasIndex(c => c.LoanId)
            .IsUnique()
            .HasFilter("status IN ('Submitted', 'Approved')")
            .HasDatabaseName("ux_risk_claims_one_live_claim_per_loan");
    }
}
