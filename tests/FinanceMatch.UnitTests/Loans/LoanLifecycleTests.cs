using FinanceMatch.Core.Common;
using FinanceMatch.Core.Loans;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;

namespace FinanceMatch.UnitTests.Loans;

public sealed class LoanLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly DateOnly ThisMonth = new(2026, 11, 1);
    internal const decimal Amount = 500_000m;

    private static Loan Disbursed()
    {
        var match = Match.Create(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            1,
            "Tax loan",
            Guid.NewGuid(),
            1,
            80,
            "[]",
            "{}",
            null,
            Now
        );
        var terms = new ProductTerms(
            "Tax loan",
            "",
            1m,
            1_000_000m,
            6,
            36,
            3m,
            6m,
            [GuaranteeType.Credit],
            [],
            [],
            [],
            new Eligibility(),
            []
        );
        match.Review(Now);
        match.Approve(Amount, 4m, 24, terms, Amount, Now);
        match.Accept(Now);
        match.Disburse(Amount, Today, Now);
        return Loan.Disbursed(
            match,
            Now.AddDays(-3),
            ("440604", "C3911"),
            firstLoan: false,
            GuaranteeType.Credit,
            (700, "A", "2026.1"),
            Now
        );
    }

    /// <summary>Figures that fit each status, so that only the move itself is under test.</summary>
    private static (decimal Outstanding, int OverdueDays) FiguresFor(LoanStatus status) =>
        status switch
        {
            LoanStatus.Repaying => (Amount, 0),
            LoanStatus.Overdue or LoanStatus.Defaulted => (Amount, 40),
            LoanStatus.WrittenOff => (Amount, 120),
            _ => (0m, 0),
        };

    private static void Move(Loan loan, LoanStatus to)
    {
        var (outstanding, overdue) = FiguresFor(to);
        loan.Report(ThisMonth, outstanding, overdue, to, Today, Now);
    }

    internal static Loan In(LoanStatus status)
    {
        var loan = Disbursed();
        LoanStatus[] path = status switch
        {
            LoanStatus.Repaying => [],
            LoanStatus.Overdue => [LoanStatus.Overdue],
            LoanStatus.Settled => [LoanStatus.Settled],
            LoanStatus.Defaulted => [LoanStatus.Overdue, LoanStatus.Defaulted],
            LoanStatus.Recovered => [LoanStatus.Overdue, LoanStatus.Defaulted, LoanStatus.Recovered],
            _ => [LoanStatus.Overdue, LoanStatus.Defaulted, LoanStatus.WrittenOff],
        };
        foreach (var step in path)
            Move(loan, step);
        Assert.That(loan.Status, Is.EqualTo(status));
        return loan;
    }

    private static readonly (LoanStatus From, LoanStatus To)[] Drawn =
    [
        (LoanStatus.Repaying, LoanStatus.Overdue),
        (LoanStatus.Repaying, LoanStatus.Settled),
        (LoanStatus.Overdue, LoanStatus.Repaying),
        (LoanStatus.Overdue, LoanStatus.Defaulted),
        (LoanStatus.Defaulted, LoanStatus.Recovered),
        (LoanStatus.Defaulted, LoanStatus.WrittenOff),
    ];

    private static IEnumerable<TestCaseData> EveryMove() =>
        from start in Enum.GetValues<LoanStatus>()
        from end in Enum.GetValues<LoanStatus>()
        where start != end
        select new TestCaseData(start, end).SetName($"{start} to {end}");

    [TestCaseSource(nameof(EveryMove))]
    public void OnlyTheDrawnMoves_AreAllowed(LoanStatus from, LoanStatus to)
    {
        var loan = In(from);
        if (Drawn.Contains((from, to)))
        {
            Move(loan, to);
            Assert.That(loan.Status, Is.EqualTo(to));
        }
        else
        {
            Assert.Throws<ConflictException>(() => Move(loan, to));
            Assert.That(loan.Status, Is.EqualTo(from), "a refused move changes nothing");
        }
    }

    [Test]
    public void TheSameReportAgain_ChangesNothing_AndAnEarlierPeriodIsRefused()
    {
        var loan = Disbursed();
        Assert.That(loan.Report(ThisMonth, 400_000m, 0, LoanStatus.Repaying, Today, Now), Is.True);
        Assert.That(loan.Report(ThisMonth, 400_000m, 0, LoanStatus.Repaying, Today, Now.AddHours(1)), Is.False);
        Assert.That(loan.UpdatedAt, Is.EqualTo(Now));

        var later = Today.AddMonths(1);
        loan.Report(ThisMonth.AddMonths(1), 380_000m, 0, LoanStatus.Repaying, later, Now.AddMonths(1));
        Assert.Throws<ConflictException>(() =>
            loan.Report(ThisMonth, 370_000m, 0, LoanStatus.Repaying, later, Now.AddMonths(1))
        );
    }

    [TestCase(LoanStatus.Repaying, 100_000, 3, "overdueDays")]
    [TestCase(LoanStatus.Overdue, 100_000, 0, "overdueDays")]
    [TestCase(LoanStatus.Settled, 1, 0, "principalOutstanding")]
    [TestCase(LoanStatus.Repaying, 500_001, 0, "principalOutstanding")]
    public void FiguresThatContradictTheStatus_Are422(LoanStatus status, decimal outstanding, int overdue, string field)
    {
        var loan = Disbursed();
        var error = Assert.Throws<UnprocessableException>(() =>
            loan.Report(ThisMonth, outstanding, overdue, status, Today, Now)
        )!;
        Assert.That(error.Errors!.Keys, Is.EqualTo(new[] { field }));
    }

    [Test]
    public void APeriod_LiesBetweenTheDisbursementMonth_AndTheCurrentOne()
    {
        var loan = Disbursed();
        Assert.Throws<UnprocessableException>(() =>
            loan.Report(ThisMonth.AddMonths(-1), Amount, 0, LoanStatus.Repaying, Today, Now)
        );
        Assert.Throws<UnprocessableException>(() =>
            loan.Report(ThisMonth.AddMonths(1), Amount, 0, LoanStatus.Repaying, Today, Now)
        );
    }

    [Test]
    public void ALoan_IsStale_AfterTwoWholePeriodsWithoutAReport_AndOnlyWhileItRuns()
    {
        var loan = Disbursed(); // November
        Assert.That(loan.IsStale(new DateOnly(2026, 12, 15)), Is.False, "November not yet reported");
        Assert.That(loan.IsStale(new DateOnly(2027, 1, 15)), Is.True, "November and December unreported");

        loan.Report(ThisMonth, Amount, 0, LoanStatus.Repaying, Today, Now);
        Assert.That(loan.IsStale(new DateOnly(2027, 1, 15)), Is.False, "only December missing");
        Assert.That(loan.IsStale(new DateOnly(2027, 2, 1)), Is.True);

        loan.Report(ThisMonth, 0m, 0, LoanStatus.Settled, Today, Now);
        Assert.That(loan.IsStale(new DateOnly(2030, 1, 1)), Is.False, "a settled loan owes no reports");
    }

    [Test]
    public void ADefault_IsDatedWhenReported_AndTheEndWhenItEnds()
    {
        var loan = In(LoanStatus.Defaulted);
        Assert.That((loan.DefaultedOn, loan.EndedOn), Is.EqualTo(((DateOnly?)Today, (DateOnly?)null)));
        Move(loan, LoanStatus.Recovered);
        Assert.That(loan.EndedOn, Is.EqualTo(Today));
    }

    [Test]
    public void TheGuarantee_IsOneBothSidesAllow_CreditWhenUnnamedAndAllowed()
    {
        GuaranteeType[] product = [GuaranteeType.Mortgage, GuaranteeType.Credit];
        Assert.That(
            Loan.GuaranteeOf(null, product, [GuaranteeType.Credit, GuaranteeType.Mortgage]),
            Is.EqualTo(GuaranteeType.Credit)
        );
        Assert.That(Loan.GuaranteeOf(null, product, [GuaranteeType.Mortgage]), Is.EqualTo(GuaranteeType.Mortgage));
        Assert.That(Loan.GuaranteeOf(GuaranteeType.Mortgage, product, product), Is.EqualTo(GuaranteeType.Mortgage));
        var error = Assert.Throws<UnprocessableException>(() =>
            Loan.GuaranteeOf(GuaranteeType.Pledge, product, product)
        )!;
        Assert.That(error.Errors!.Keys, Is.EqualTo(new[] { "guaranteeType" }));
    }
}
