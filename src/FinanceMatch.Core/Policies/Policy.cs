using System.Globalization;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Policies;

/// <summary>What a government policy pays on an eligible loan.</summary>
public enum PolicyKind
{
    /// <summary>贴息: part of the interest, in percentage points of the rate, for the first months of the loan.</summary>
    InterestSubsidy,

    /// <summary>担保费补贴: part of the guarantee fee, in percentage points of the guaranteed principal a year.</summary>
    GuaranteeFeeSubsidy,

    /// <summary>首贷奖补: a fixed sum for a firm's first bank loan.</summary>
    FirstLoanBonus,
}

/// <summary>
/// Who a policy is for, checked by the matching engine's own rules (<see cref="MatchRules"/>): grade, division, industry,
/// lists, first loan, and the tags of the loan's product. An empty list admits anything.
/// </summary>
public sealed record PolicyEligibility(
    string? MinGrade,
    IReadOnlyList<string> DivisionPrefixes,
    IReadOnlyList<string> IndustryPrefixes,
    IReadOnlyList<Guid> Lists,
    bool FirstLoansOnly,
    IReadOnlyList<string> ProductTags
);

/// <summary>
/// The facts a policy's rules read: the firm's registration data and grade, the valid lists it is on, whether the loan
/// would be its first, and (when a product is known) the product's tags.
/// </summary>
public sealed record PolicyApplicant(
    string DivisionCode,
    string IndustryCode,
    string? Grade,
    IReadOnlyCollection<Guid> Lists,
    bool FirstLoan,
    IReadOnlyCollection<string>? ProductTags = null
);

/// <summary>The facts of a disbursed loan that fix what a policy is worth on it.</summary>
public sealed record SubsidisedLoan(
    decimal Amount,
    decimal AnnualRate,
    int TermMonths,
    bool FirstLoan,
    decimal? GuaranteeFeeRate
);

/// <summary>
/// A department's policy (贴息, 担保费补贴, 首贷奖补) with a budget. A loan paid out under a match the policy applied to
/// reserves what the policy is worth on it (<see cref="EntitlementOf"/>) against the budget by one conditional UPDATE,
/// as risk programmes do; the bank claims it as interest is paid, the department approves, and every movement is an
/// entry of the one fund ledger (<see cref="Funds.LedgerEntry"/>). The budget is always <c>available + reserved + paid</c>.
/// </summary>
public sealed class Policy
{
    public const int MaxSubsidyMonths = 60;

    private Policy() { }

    public Guid Id { get; private set; }
    public Guid DepartmentId { get; private set; }
    public string Name { get; private set; } = null!;
    public PolicyKind Kind { get; private set; }
    public string? Description { get; private set; }
    public PolicyEligibility Eligibility { get; private set; } = null!;

    /// <summary>Percentage points of the rate (interest) or of the guaranteed principal a year (guarantee fee).</summary>
    public decimal? SubsidyRate { get; private set; }

    /// <summary>For how many months of the loan the subsidy runs.</summary>
    public int? SubsidyMonths { get; private set; }

    /// <summary>The sum a first loan earns (<see cref="PolicyKind.FirstLoanBonus"/>).</summary>
    public decimal? BonusAmount { get; private set; }
    public decimal CapPerLoan { get; private set; }
    public decimal Budget { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Paid { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public decimal Available => Budget - Reserved - Paid;

    public static Policy Create(
        Guid departmentId,
        string name,
        PolicyKind kind,
        string? description,
        PolicyEligibility eligibility,
        decimal? subsidyRate,
        int? subsidyMonths,
        decimal? bonusAmount,
        decimal capPerLoan,
        decimal budget,
        DateOnly validFrom,
        DateOnly validTo,
        DateTimeOffset now
    )
    {
        if (validTo < validFrom)
            throw UnprocessableException.For("validTo", "validTo cannot be before validFrom.");
        if (kind == PolicyKind.FirstLoanBonus)
        {
            if (bonusAmount is not > 0)
                throw UnprocessableException.For("bonusAmount", "A first-loan bonus states its bonusAmount.");
            if (subsidyRate is not null || subsidyMonths is not null)
                throw UnprocessableException.For(
                    "subsidyRate",
                    "A first-loan bonus pays a sum: no subsidyRate or subsidyMonths."
                );
            eligibility = eligibility with { FirstLoansOnly = true };
        }
        else
        {
            if (subsidyRate is not > 0 || subsidyMonths is not > 0)
                throw UnprocessableException.For(
                    "subsidyRate",
                    "A subsidy states its subsidyRate (percentage points) and subsidyMonths."
                );
            if (bonusAmount is not null)
                throw UnprocessableException.For("bonusAmount", "Only a first-loan bonus pays a bonusAmount.");
        }
        return new()
        {
            Id = Guid.CreateVersion7(now),
            DepartmentId = departmentId,
            Name = name.Trim(),
            Kind = kind,
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Eligibility = eligibility,
            SubsidyRate = subsidyRate,
            SubsidyMonths = subsidyMonths,
            BonusAmount = bonusAmount,
            CapPerLoan = capPerLoan,
            Budget = budget,
            ValidFrom = validFrom,
            ValidTo = validTo,
            CreatedAt = now,
        };
    }

    public bool IsValidOn(DateOnly on) => on >= ValidFrom && on <= ValidTo;

    /// <summary>
    /// Every rule of the policy checked against the applicant, as the matching engine checks a product's. The product-tags
    /// rule is checked only when the product is known (<see cref="PolicyApplicant.ProductTags"/>).
    /// </summary>
    public IReadOnlyList<RuleCheck> Evaluate(PolicyApplicant firm)
    {
        var rules = Eligibility;
        var checks = new List<RuleCheck>();
        if (rules.MinGrade is { } minGrade)
            checks.Add(MatchRules.MinGrade(minGrade, firm.Grade));
        if (rules.DivisionPrefixes.Count > 0)
            checks.Add(MatchRules.Division(rules.DivisionPrefixes, firm.DivisionCode));
        if (rules.IndustryPrefixes.Count > 0)
            checks.Add(MatchRules.IndustryInclude(rules.IndustryPrefixes, firm.IndustryCode));
        if (rules.Lists.Count > 0)
            checks.Add(MatchRules.Lists(rules.Lists, firm.Lists));
        if (rules.FirstLoansOnly)
            checks.Add(
                new(
                    "firstLoan",
                    firm.FirstLoan,
                    "the firm's first loan",
                    firm.FirstLoan ? "no loan yet" : "has had a loan"
                )
            );
        if (rules.ProductTags.Count > 0 && firm.ProductTags is { } tags)
            checks.Add(
                new(
                    "productTags",
                    rules.ProductTags.Any(tags.Contains),
                    $"a product tagged {string.Join(" or ", rules.ProductTags)}",
                    tags.Count == 0 ? "no tags" : string.Join(", ", tags)
                )
            );
        return checks;
    }

    public bool Admits(PolicyApplicant firm) => Evaluate(firm).All(c => c.Passed);

    /// <summary>
    /// What the policy is worth on a loan, capped per loan: an interest subsidy pays its points (no more than the loan's
    /// rate) on the amount for its months (no more than the term); a guarantee-fee subsidy its points (no more than the
    /// fee) on a guaranteed loan; a first-loan bonus its sum on a first loan. 0 when it pays nothing on this loan.
    /// </summary>
    public decimal EntitlementOf(SubsidisedLoan loan)
    {
        var worth = Kind switch
        {
            PolicyKind.InterestSubsidy => Points(Math.Min(SubsidyRate!.Value, loan.AnnualRate), loan),
            PolicyKind.GuaranteeFeeSubsidy => loan.GuaranteeFeeRate is { } fee
                ? Points(Math.Min(SubsidyRate!.Value, fee), loan)
                : 0,
            _ => loan.FirstLoan ? BonusAmount!.Value : 0,
        };
        return Math.Max(0, Math.Min(worth, CapPerLoan));
    }

    private decimal Points(decimal points, SubsidisedLoan loan) =>
        Math.Round(loan.Amount * points / 100m * Math.Min(SubsidyMonths!.Value, loan.TermMonths) / 12m, 2);

    /// <summary>
    /// How much of <paramref name="entitlement"/> the bank has earned after <paramref name="monthsPaid"/> months of a
    /// loan of <paramref name="termMonths"/> were paid: a subsidy accrues month by month over the months it pays for (its
    /// months, no more than the term); a first-loan bonus once the first month is paid.
    /// </summary>
    public decimal AccruedAfter(decimal entitlement, int monthsPaid, int termMonths)
    {
        if (Kind == PolicyKind.FirstLoanBonus)
            return monthsPaid >= 1 ? entitlement : 0;
        var months = Math.Min(SubsidyMonths!.Value, termMonths);
        return monthsPaid >= months ? entitlement : Math.Round(entitlement * monthsPaid / months, 2);
    }

    public static string Describe(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

public enum PolicyEnrolmentStatus
{
    /// <summary>Something is still reserved: the loan runs, or its earned subsidy may still be claimed.</summary>
    Active,

    /// <summary>Nothing is reserved any more: all claimed, or released when the loan ended.</summary>
    Ended,
}

/// <summary>A loan a policy pays on, and what the policy still holds for it.</summary>
public sealed class PolicyEnrolment
{
    /// <summary>Days after the loan ends in which the bank may still claim what it earned.</summary>
    public const int ClaimWindowDays = 90;

    private PolicyEnrolment() { }

    public Guid LoanId { get; private set; }
    public Guid PolicyId { get; private set; }

    /// <summary>What the policy is worth on the loan, reserved at disbursement.</summary>
    public decimal Entitlement { get; private set; }

    /// <summary>What is still held against the budget.</summary>
    public decimal Reserved { get; private set; }

    /// <summary>What claims have been paid.</summary>
    public decimal Claimed { get; private set; }
    public PolicyEnrolmentStatus Status { get; private set; }
    public DateTimeOffset EnrolledAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static PolicyEnrolment Of(Guid loanId, Guid policyId, decimal entitlement, DateTimeOffset now) =>
        new()
        {
            LoanId = loanId,
            PolicyId = policyId,
            Entitlement = entitlement,
            Reserved = entitlement,
            Status = PolicyEnrolmentStatus.Active,
            EnrolledAt = now,
        };

    /// <summary>A claim of <paramref name="amount"/> was approved: it leaves the reservation as paid.</summary>
    public void Pay(decimal amount, DateTimeOffset now)
    {
        if (amount > Reserved)
            throw new ConflictException($"Only {Policy.Describe(Reserved)} is still reserved for this loan.");
        Reserved -= amount;
        Claimed += amount;
        if (Reserved == 0)
            End(now);
    }

    /// <summary>
    /// What may go back to the budget once the loan has ended: everything not yet earned at once, and after
    /// <see cref="ClaimWindowDays"/> everything not under a submitted claim. Returns the amount released.
    /// </summary>
    public decimal ReleaseAfterEnd(decimal accrued, decimal pending, int daysSinceEnd, DateTimeOffset now)
    {
        if (Status != PolicyEnrolmentStatus.Active)
            return 0;
        var keep = daysSinceEnd > ClaimWindowDays ? pending : Math.Max(pending, Math.Min(Reserved, accrued - Claimed));
        var released = Reserved - Math.Min(Reserved, keep);
        Reserved -= released;
        if (Reserved == 0)
            End(now);
        return released;
    }

    private void End(DateTimeOffset now)
    {
        Status = PolicyEnrolmentStatus.Ended;
        EndedAt = now;
    }
}

/// <summary>
/// A bank's claim of a policy's subsidy on its loan, as interest is paid: at most what the loan has earned so far, less
/// what was claimed; one claim of a loan and policy is open at a time. The policy's department or an operator decides.
/// </summary>
public sealed class SubsidyClaim
{
    private SubsidyClaim() { }

    public Guid Id { get; private set; }
    public Guid LoanId { get; private set; }
    public Guid PolicyId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Months of the loan paid when the claim was filed (the bank's reports).</summary>
    public int MonthsPaid { get; private set; }
    public RiskProgrammes.ClaimStatus Status { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public uint RowVersion { get; private set; }

    public static SubsidyClaim File(
        Loans.Loan loan,
        Policy policy,
        PolicyEnrolment enrolment,
        decimal amount,
        int monthsPaid,
        DateTimeOffset now
    )
    {
        if (enrolment.Status != PolicyEnrolmentStatus.Active)
            throw new ConflictException("Nothing is reserved for this loan under the policy any more.");
        var claimable = Math.Min(
            enrolment.Reserved,
            policy.AccruedAfter(enrolment.Entitlement, monthsPaid, loan.TermMonths) - enrolment.Claimed
        );
        if (claimable <= 0)
            throw new ConflictException(
                monthsPaid == 0
                    ? "Nothing is earned before interest is paid: report the loan's first repaid month, then claim."
                    : "Everything earned so far has been claimed."
            );
        if (amount > claimable)
            throw UnprocessableException.For(
                "amount",
                $"After {monthsPaid} months paid the loan has earned {Policy.Describe(claimable)} more under this policy."
            );
        return new()
        {
            Id = Guid.CreateVersion7(now),
            LoanId = loan.Id,
            PolicyId = policy.Id,
            InstitutionId = loan.InstitutionId,
            Amount = amount,
            MonthsPaid = monthsPaid,
            Status = RiskProgrammes.ClaimStatus.Submitted,
            FiledAt = now,
        };
    }

    public void Approve(string? note, DateTimeOffset now) => Decide(RiskProgrammes.ClaimStatus.Approved, note, now);

    public void Reject(string note, DateTimeOffset now) => Decide(RiskProgrammes.ClaimStatus.Rejected, note, now);

    private void Decide(RiskProgrammes.ClaimStatus to, string? note, DateTimeOffset now)
    {
        if (Status != RiskProgrammes.ClaimStatus.Submitted)
            throw new ConflictException($"A claim that is {Status.Wire()} cannot become {to.Wire()}.");
        Status = to;
        Note = note?.Trim();
        DecidedAt = now;
    }
}

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.SubsidyRate).HasPrecision(7, 4);
        builder.OwnsOne(p => p.Eligibility, e => e.ToJson());
        builder.HasOne<Departments.Department>().WithMany().HasForeignKey(p => p.DepartmentId);
        builder.Ignore(p => p.Available);
        builder.HasIndex(p => new { p.ValidFrom, p.ValidTo });
        builder.ToTable(t =>
            t.HasCheckConstraint(
                "ck_policies_never_over_committed",
                "reserved >= 0 AND paid >= 0 AND reserved + paid <= budget"
            )
        );
    }
}

internal sealed class PolicyEnrolmentConfiguration : IEntityTypeConfiguration<PolicyEnrolment>
{
    public void Configure(EntityTypeBuilder<PolicyEnrolment> builder)
    {
        builder.HasKey(e => new { e.LoanId, e.PolicyId });
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RowVersion).IsRowVersion();
        builder.HasOne<Loans.Loan>().WithMany().HasForeignKey(e => e.LoanId);
        builder.HasOne<Policy>().WithMany().HasForeignKey(e => e.PolicyId);
        builder.HasIndex(e => new { e.PolicyId, e.Status });
        builder.ToTable(t =>
            t.HasCheckConstraint(
                "ck_policy_enrolments_within_entitlement",
                "reserved >= 0 AND claimed >= 0 AND reserved + claimed <= entitlement"
            )
        );
    }
}

internal sealed class SubsidyClaimConfiguration : IEntityTypeConfiguration<SubsidyClaim>
{
    public void Configure(EntityTypeBuilder<SubsidyClaim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.RowVersion).IsRowVersion();
        builder.HasOne<PolicyEnrolment>().WithMany().HasForeignKey(c => new { c.LoanId, c.PolicyId });
        builder.HasIndex(c => new { c.PolicyId, c.Status });
        builder.HasIndex(c => c.InstitutionId);
        // One open claim of a loan under a policy at a time, so what is claimable cannot be claimed twice.
        builder
            .HasIndex(c => new { c.LoanId, c.PolicyId })
            .IsUnique()
            .HasFilter("status = 'Submitted'")
            .HasDatabaseName("ux_subsidy_claims_one_open_claim");
    }
}
