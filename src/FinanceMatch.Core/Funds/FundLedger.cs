using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Funds;

public enum LedgerEntryKind
{
    /// <summary>Budget set aside for an enrolled loan (available → reserved).</summary>
    Reservation,

    /// <summary>A reservation given back (reserved → available): the loan ended, a window passed, or the payout was less.</summary>
    Release,

    /// <summary>A claim paid (reserved → paid).</summary>
    Payout,
}

/// <summary>
/// One movement of a public fund's money: a risk-compensation programme's (<see cref="ProgrammeId"/>) or a policy's
/// subsidy budget (<see cref="PolicyId"/>), exactly one of them. Both funds keep <c>budget = available + reserved +
/// paid</c> and move it the same three ways, so they share this one append-only ledger and its balance check
/// (<see cref="LedgerBalance"/>).
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry() { }

    public long Id { get; private set; }
    public Guid? ProgrammeId { get; private set; }
    public Guid? PolicyId { get; private set; }
    public Guid LoanId { get; private set; }

    /// <summary>The claim a payout (or the release after it) settled: a risk claim or a subsidy claim, as the fund is.</summary>
    public Guid? ClaimId { get; private set; }
    public LedgerEntryKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static LedgerEntry ForProgramme(
        Guid programmeId,
        Guid loanId,
        Guid? claimId,
        LedgerEntryKind kind,
        decimal amount,
        DateTimeOffset now
    ) => Of(programmeId, null, loanId, claimId, kind, amount, now);

    public static LedgerEntry ForPolicy(
        Guid policyId,
        Guid loanId,
        Guid? claimId,
        LedgerEntryKind kind,
        decimal amount,
        DateTimeOffset now
    ) => Of(null, policyId, loanId, claimId, kind, amount, now);

    private static LedgerEntry Of(
        Guid? programmeId,
        Guid? policyId,
        Guid loanId,
        Guid? claimId,
        LedgerEntryKind kind,
        decimal amount,
        DateTimeOffset now
    ) =>
        amount <= 0
            ? throw new ArgumentOutOfRangeException(nameof(amount), "A ledger movement is positive.")
            : new()
            {
                ProgrammeId = programmeId,
                PolicyId = policyId,
                LoanId = loanId,
                ClaimId = claimId,
                Kind = kind,
                Amount = amount,
                At = now,
            };
}

/// <summary>A fund's balances as its ledger tells them: the check that the columns and the entries agree.</summary>
public sealed record LedgerBalance(decimal Reserved, decimal Paid)
{
    public static LedgerBalance Of(IEnumerable<(LedgerEntryKind Kind, decimal Amount)> entries)
    {
        decimal reserved = 0,
            paid = 0;
        foreach (var (kind, amount) in entries)
        {
            switch (kind)
            {
                case LedgerEntryKind.Reservation:
                    reserved += amount;
                    break;
                case LedgerEntryKind.Release:
                    reserved -= amount;
                    break;
                case LedgerEntryKind.Payout:
                    reserved -= amount;
                    paid += amount;
                    break;
            }
        }
        return new(reserved, paid);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("fund_ledger");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<RiskProgrammes.RiskProgramme>().WithMany().HasForeignKey(e => e.ProgrammeId);
        builder.HasOne<Policies.Policy>().WithMany().HasForeignKey(e => e.PolicyId);
        builder.HasIndex(e => new { e.ProgrammeId, e.Id });
        builder.HasIndex(e => new { e.PolicyId, e.Id });
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_fund_ledger_positive", "amount > 0");
            t.HasCheckConstraint("ck_fund_ledger_one_fund", "num_nonnulls(programme_id, policy_id) = 1");
        });
    }
}
