using FinanceMatch.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinanceMatch.Core.Loans;

public enum LoanStatus
{
    Repaying,
    Overdue,
    Settled,
    Defaulted,
    Recovered,
    WrittenOff,
}

/// <summary>
/// A disbursed match, followed until it ends: <c>repaying → settled</c>, or <c>repaying → overdue → (repaying |
/// defaulted)</c>, <c>defaulted → (recovered | writtenOff)</c>. Its id is the match's. The bank reports it once a period
/// (a calendar month); every report goes through <see cref="Report"/>, which refuses any move the lifecycle does not draw
/// (409) and any figure that contradicts the status or the loan (422). Concurrent reports are settled by the row version.
/// </summary>
public sealed class Loan
{
    /// <summary>Where each status may go next (staying put is a report of the same status for a later period).</summary>
    public static readonly IReadOnlyDictionary<LoanStatus, LoanStatus[]> Moves = new Dictionary<
        LoanStatus,
        LoanStatus[]
    >
    {
        [LoanStatus.Repaying] = [LoanStatus.Repaying, LoanStatus.Overdue, LoanStatus.Settled],
        [LoanStatus.Overdue] = [LoanStatus.Overdue, LoanStatus.Repaying, LoanStatus.Defaulted],
        [LoanStatus.Defaulted] = [LoanStatus.Defaulted, LoanStatus.Recovered, LoanStatus.WrittenOff],
        [LoanStatus.Settled] = [],
        [LoanStatus.Recovered] = [],
        [LoanStatus.WrittenOff] = [],
    };

    /// <summary>The statuses of a loan still running: the bank owes a report every period.</summary>
    public static readonly IReadOnlyList<LoanStatus> ActiveStatuses =
    [
        LoanStatus.Repaying,
        LoanStatus.Overdue,
        LoanStatus.Defaulted,
    ];

    /// <summary>How many periods may pass without a report before the loan is stale in its bank's statistics.</summary>
    public const int StaleAfterPeriods = 2;

    private Loan() { }

    public Guid Id { get; private set; }
    public Guid LoanRequestId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid InstitutionId { get; private set; }
    public Guid ProductId { get; private set; }
    public int ProductVersion { get; private set; }

    /// <summary>
    /// What the outcome statistics group and time by, kept as they were at disbursement (the product's name, the firm's
    /// division and industry, when the request was posted and approved), so that counting loans never joins the matches.
    /// </summary>
    public string ProductName { get; private set; } = null!;
    public string DivisionCode { get; private set; } = null!;
    public string IndustryCode { get; private set; } = null!;
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public decimal Amount { get; private set; }
    public decimal AnnualRate { get; private set; }
    public int TermMonths { get; private set; }
    public DateOnly DisbursedOn { get; private set; }

    /// <summary>The firm's first loan from any bank (首贷), as the bank says at disbursement.</summary>
    public bool FirstLoan { get; private set; }

    /// <summary>How the loan is secured; <c>credit</c> is unsecured (信用贷).</summary>
    public Products.GuaranteeType GuaranteeType { get; private set; }

    /// <summary>The guarantor's cover of the loan, when its match relied on one (政银担).</summary>
    public Guid? GuaranteeId { get; private set; }

    /// <summary>The policies whose subsidy was reserved for the loan when it was paid out.</summary>
    public List<Guid> PolicyIds { get; private set; } = [];

    /// <summary>The firm's rating when the loan was paid out: what the model performance is measured against.</summary>
    public int? Score { get; private set; }
    public string? Grade { get; private set; }
    public string? ModelVersion { get; private set; }

    public LoanStatus Status { get; private set; }
    public decimal PrincipalOutstanding { get; private set; }
    public int OverdueDays { get; private set; }

    /// <summary>The first day of the latest period reported, if any.</summary>
    public DateOnly? LastPeriod { get; private set; }
    public DateOnly? DefaultedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint RowVersion { get; private set; }

    /// <summary>
    /// How a loan is secured: the type the bank names, which both the product version and the request must allow (422
    /// otherwise); unnamed, credit (unsecured) when both allow it, else the first type both allow.
    /// </summary>
    public static Products.GuaranteeType GuaranteeOf(
        Products.GuaranteeType? named,
        IEnumerable<Products.GuaranteeType> productAllows,
        IEnumerable<Products.GuaranteeType> requestAllows
    )
    {
        var both = productAllows.Intersect(requestAllows).Order().ToList();
        if (named is { } type)
            return both.Contains(type)
                ? type
                : throw UnprocessableException.For(
                    "guaranteeType",
                    $"The product and the request both allow only {string.Join(", ", both.Select(t => t.Wire()))}."
                );
        return both.Count == 0 ? Products.GuaranteeType.Credit : both[0];
    }

    /// <summary>The policies that reserved a subsidy for the loan at disbursement.</summary>
    public void Subsidised(IEnumerable<Guid> policyIds) => PolicyIds = policyIds.Distinct().Order().ToList();

    public static Loan Disbursed(
        Matching.Match match,
        DateTimeOffset requestedAt,
        (string DivisionCode, string IndustryCode) firm,
        bool firstLoan,
        Products.GuaranteeType guaranteeType,
        (int? Score, string? Grade, string? ModelVersion) rating,
        DateTimeOffset now
    )
    {
        if (match.Status != Matching.MatchStatus.Disbursed || match.DisbursedAmount is not { } amount)
            throw new ConflictException("Only a disbursed match is a loan.");
        return new()
        {
            Id = match.Id,
            LoanRequestId = match.LoanRequestId,
            EnterpriseId = match.EnterpriseId,
            InstitutionId = match.InstitutionId,
            ProductId = match.ProductId,
            ProductVersion = match.ProductVersion,
            ProductName = match.ProductName,
            DivisionCode = firm.DivisionCode,
            IndustryCode = firm.IndustryCode,
            RequestedAt = requestedAt,
            ApprovedAt = match.ApprovedAt,
            Amount = amount,
            AnnualRate = match.AnnualRate ?? 0,
            TermMonths = match.TermMonths ?? 0,
            DisbursedOn = match.DisbursedOn!.Value,
            FirstLoan = firstLoan,
            GuaranteeType = guaranteeType,
            GuaranteeId = match.GuaranteeId,
            Score = rating.Score,
            Grade = rating.Grade,
            ModelVersion = rating.ModelVersion,
            Status = LoanStatus.Repaying,
            PrincipalOutstanding = amount,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public bool IsActive => ActiveStatuses.Contains(Status);

    /// <summary>The month disbursement fell in: the first period a report may speak of.</summary>
    public DateOnly FirstPeriod => new(DisbursedOn.Year, DisbursedOn.Month, 1);

    /// <summary>
    /// A running loan whose bank has not reported for <see cref="StaleAfterPeriods"/> whole periods before the current
    /// one (counted from disbursement when it never reported).
    /// </summary>
    public bool IsStale(DateOnly today)
    {
        if (!IsActive)
            return false;
        var current = new DateOnly(today.Year, today.Month, 1);
        var last = LastPeriod ?? FirstPeriod.AddMonths(-1);
        return MonthsBetween(last, current) > StaleAfterPeriods;
    }

    /// <summary>
    /// The bank's report of the loan at the end of one period. Periods move forward; a report for the latest period
    /// already reported updates it (the loan moved again before the month ended, e.g. repaid early), and the same report
    /// again changes nothing (a retried call or a batch sent twice); a report for an earlier period is 409, and so is a
    /// move the lifecycle does not draw. Returns false when nothing changed.
    /// </summary>
    public bool Report(
        DateOnly period,
        decimal principalOutstanding,
        int overdueDays,
        LoanStatus status,
        DateOnly today,
        DateTimeOffset now
    )
    {
        if (period.Day != 1)
            throw UnprocessableException.For("period", "A period is a calendar month (yyyy-MM).");
        if (LastPeriod is { } last)
        {
            if (
                period == last
                && status == Status
                && principalOutstanding == PrincipalOutstanding
                && overdueDays == OverdueDays
            )
                return false;
            if (period < last)
                throw new ConflictException(
                    $"This loan is already reported for {last:yyyy-MM}; a report may only be for that period or a later one."
                );
        }
        if (period < FirstPeriod)
            throw UnprocessableException.For(
                "period",
                $"The loan was disbursed on {DisbursedOn:yyyy-MM-dd}, after this period."
            );
        if (period > new DateOnly(today.Year, today.Month, 1))
            throw UnprocessableException.For("period", "A period cannot be in the future.");
        if (!Moves[Status].Contains(status))
            throw new ConflictException($"A loan that is {Status.Wire()} cannot become {status.Wire()}.");
        CheckFigures(principalOutstanding, overdueDays, status);

        if (status == LoanStatus.Defaulted && Status != LoanStatus.Defaulted)
            DefaultedOn = today;
        if (status is LoanStatus.Settled or LoanStatus.Recovered or LoanStatus.WrittenOff)
            EndedOn = today;
        Status = status;
        PrincipalOutstanding = principalOutstanding;
        OverdueDays = overdueDays;
        LastPeriod = period;
        UpdatedAt = now;
        return true;
    }

    private void CheckFigures(decimal principalOutstanding, int overdueDays, LoanStatus status)
    {
        if (principalOutstanding > Amount)
            throw UnprocessableException.For(
                "principalOutstanding",
                $"The outstanding principal cannot exceed the {Amount:0.00} disbursed."
            );
        switch (status)
        {
            case LoanStatus.Repaying when overdueDays != 0:
                throw UnprocessableException.For("overdueDays", "A loan repaying on time has no overdue days.");
            case LoanStatus.Overdue or LoanStatus.Defaulted when overdueDays == 0:
                throw UnprocessableException.For("overdueDays", $"A loan that is {status.Wire()} has overdue days.");
            case LoanStatus.Settled or LoanStatus.Recovered when principalOutstanding != 0 || overdueDays != 0:
                throw UnprocessableException.For(
                    "principalOutstanding",
                    $"A loan that is {status.Wire()} owes nothing: principalOutstanding and overdueDays are 0."
                );
            case LoanStatus.WrittenOff when principalOutstanding == 0:
                throw UnprocessableException.For(
                    "principalOutstanding",
                    "A write-off states the principal written off; a loan that owes nothing is recovered."
                );
        }
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;
}

/// <summary>
/// The loan at the end of one period, as its bank last reported it (by a call or in a batch); a later report for the same
/// period replaces it.
/// </summary>
public sealed class LoanPerformanceReport
{
    private LoanPerformanceReport() { }

    public Guid LoanId { get; private set; }
    public DateOnly Period { get; private set; }
    public decimal PrincipalOutstanding { get; private set; }
    public int OverdueDays { get; private set; }
    public LoanStatus Status { get; private set; }

    /// <summary>The batch it came in, if it came in one.</summary>
    public Guid? BatchId { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>Takes the loan's latest report into this row (a new period's, or the same period's updated).</summary>
    public void Update(Loan loan, Guid? batchId, DateTimeOffset now)
    {
        PrincipalOutstanding = loan.PrincipalOutstanding;
        OverdueDays = loan.OverdueDays;
        Status = loan.Status;
        BatchId = batchId;
        ReportedAt = now;
    }

    public static LoanPerformanceReport Of(Loan loan, Guid? batchId, DateTimeOffset now) =>
        new()
        {
            LoanId = loan.Id,
            Period = loan.LastPeriod!.Value,
            PrincipalOutstanding = loan.PrincipalOutstanding,
            OverdueDays = loan.OverdueDays,
            Status = loan.Status,
            BatchId = batchId,
            ReportedAt = now,
        };
}

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> builder)
    {
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.GuaranteeType).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.AnnualRate).HasPrecision(7, 4);
        builder.Property(l => l.Grade).HasMaxLength(3);
        builder.Property(l => l.ModelVersion).HasMaxLength(16);
        builder.Property(l => l.ProductName).HasMaxLength(200);
        builder.Property(l => l.DivisionCode).HasMaxLength(6);
        builder.Property(l => l.IndustryCode).HasMaxLength(5);
        builder.Property(l => l.RowVersion).IsRowVersion();
        builder.HasOne<Matching.Match>().WithOne().HasForeignKey<Loan>(l => l.Id);
        builder.HasOne<Enterprises.Enterprise>().WithMany().HasForeignKey(l => l.EnterpriseId);
        builder.HasOne<Institutions.Institution>().WithMany().HasForeignKey(l => l.InstitutionId);
        builder.HasOne<Guarantees.Guarantee>().WithMany().HasForeignKey(l => l.GuaranteeId);
        builder.HasIndex(l => new { l.InstitutionId, l.Status });
        builder.HasIndex(l => l.EnterpriseId);
        builder.HasIndex(l => l.DisbursedOn);
    }
}

internal sealed class LoanPerformanceReportConfiguration : IEntityTypeConfiguration<LoanPerformanceReport>
{
    public void Configure(EntityTypeBuilder<LoanPerformanceReport> builder)
    {
        builder.ToTable("loan_performance");
        builder.HasKey(r => new { r.LoanId, r.Period });
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Loan>().WithMany().HasForeignKey(r => r.LoanId);
    }
}
