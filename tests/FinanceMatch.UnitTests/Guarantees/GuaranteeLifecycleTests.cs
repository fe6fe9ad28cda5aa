using FinanceMatch.Core.Common;
using FinanceMatch.Core.Guarantees;
using FinanceMatch.Core.LoanRequests;
using FinanceMatch.Core.Loans;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Products;
using FinanceMatch.Core.RiskProgrammes;
using FinanceMatch.UnitTests.Loans;

namespace FinanceMatch.UnitTests.Guarantees;

public sealed class GuaranteeLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private const decimal Amount = LoanLifecycleTests.Amount;

    private static GuaranteeTerms Terms(decimal coverage = 0.8m, decimal minAmount = 100_000m) =>
        new(
            "Policy guarantee",
            "",
            coverage,
            1m,
            minAmount,
            5_000_000m,
            100_000_000m,
            ["44"],
            ["C"],
            new Eligibility(MinGrade: "BB")
        );

    private static Guarantee Pending(decimal coverage = 0.8m)
    {
        var terms = Terms(coverage);
        var product = GuaranteeProduct.Create(Guid.NewGuid(), terms, Now);
        product.Publish(Now);
        var request = LoanRequest.Submit(
            Guid.NewGuid(),
            Amount,
            24,
            "Working capital",
            [GuaranteeType.Guarantee],
            null,
            "A",
            Guid.NewGuid(),
            Guid.NewGuid(),
            Now
        );
        return Guarantee.Offer(request, product, terms, Now);
    }

    /// <summary>A guarantee covering a loan now in <paramref name="status"/>, and that loan.</summary>
    private static (Guarantee, Loan) Covering(LoanStatus status, decimal coverage = 0.8m)
    {
        var guarantee = Pending(coverage);
        guarantee.Approve(Now);
        var loan = LoanLifecycleTests.In(status);
        guarantee.Activate(loan.Id, loan.Amount, Now);
        return (guarantee, loan);
    }

    [Test]
    public void Approving_HoldsTheAmount_AndWithdrawingGivesItBack()
    {
        var guarantee = Pending();
        Assert.That(guarantee.Committed, Is.Zero);

        guarantee.Approve(Now);
        Assert.That((guarantee.Status, guarantee.Committed), Is.EqualTo((GuaranteeStatus.Approved, Amount)));

        Assert.That(guarantee.Withdraw(Now), Is.EqualTo(Amount));
        Assert.That((guarantee.Status, guarantee.Committed), Is.EqualTo((GuaranteeStatus.Withdrawn, 0m)));
        Assert.Throws<ConflictException>(() => guarantee.Approve(Now));
    }

    [Test]
    public void OnlyAnApprovedGuarantee_CoversAPaidOutLoan_HoldingNoMoreThanWasPaidOut()
    {
        var pending = Pending();
        Assert.Throws<ConflictException>(pending.RequireApproved);
        Assert.Throws<ConflictException>(() => pending.Activate(Guid.NewGuid(), Amount, Now));

        pending.Approve(Now);
        var freed = pending.Activate(Guid.NewGuid(), Amount - 100_000m, Now);

        Assert.That(
            (freed, pending.Committed, pending.Status),
            Is.EqualTo((100_000m, Amount - 100_000m, GuaranteeStatus.Active))
        );
    }

    [Test]
    public void ADeclinedGuarantee_SaysWhy_AndCannotBeApprovedAfterwards()
    {
        var guarantee = Pending();
        guarantee.Decline("  Outside our focus ", Now);

        Assert.That(guarantee.DeclineReason, Is.EqualTo("Outside our focus"));
        Assert.Throws<ConflictException>(() => guarantee.Approve(Now));
        Assert.Throws<ConflictException>(() => guarantee.Withdraw(Now));
    }

    [Test]
    public void AClaim_IsTheCoveredShareOfTheLoss_OnADefaultedLoanOnly()
    {
        var (repaying, repayingLoan) = Covering(LoanStatus.Repaying);
        Assert.Throws<ConflictException>(() => repaying.Claim(repayingLoan, 1_000m, Now));

        var (guarantee, loan) = Covering(LoanStatus.Defaulted, coverage: 0.7m);
        Assert.Throws<UnprocessableException>(() => guarantee.Claim(loan, loan.PrincipalOutstanding + 1, Now));
        Assert.Throws<ConflictException>(() => guarantee.Claim(LoanLifecycleTests.In(LoanStatus.Defaulted), 1m, Now));

        guarantee.Claim(loan, 123_456.78m, Now);

        Assert.That(
            (guarantee.Status, guarantee.ClaimedLoss, guarantee.ClaimAmount),
            Is.EqualTo((GuaranteeStatus.Claimed, 123_456.78m, 86_419.74m))
        );
    }

    [Test]
    public void ALossWorthNothingUnderTheCoverage_IsStillClaimed_SoTheProgrammeIsNotLeftWaiting()
    {
        var (guarantee, loan) = Covering(LoanStatus.Defaulted);

        guarantee.Claim(loan, 0.01m, Now);
        guarantee.PayClaim(LoanStatus.Defaulted, null, Now);

        Assert.That((guarantee.ClaimAmount, guarantee.SettledPayout), Is.EqualTo(((decimal?)0m, (decimal?)0m)));
    }

    [Test]
    public void APaidClaim_FreesTheCapacity_ButNotOnceTheLoanWasRecovered()
    {
        var (guarantee, loan) = Covering(LoanStatus.Defaulted);
        guarantee.Claim(loan, 100_000m, Now);

        Assert.Throws<ConflictException>(() => guarantee.PayClaim(LoanStatus.Recovered, null, Now));
        Assert.That(guarantee.PayClaim(LoanStatus.Defaulted, null, Now), Is.EqualTo(Amount));
        Assert.That((guarantee.Status, guarantee.Committed), Is.EqualTo((GuaranteeStatus.Paid, 0m)));
        Assert.Throws<ConflictException>(() => guarantee.RejectClaim("too late", Now));
    }

    [Test]
    public void TheProgramme_ComesAfterTheGuarantor_AndCoversItsShareOfWhatTheGuarantorLeft()
    {
        var (guarantee, loan) = Covering(LoanStatus.Defaulted, coverage: 0.8m);
        var programme = RiskProgramme.Create(
            "Fund",
            Guid.NewGuid(),
            10_000_000m,
            0.4m,
            10_000_000m,
            new RiskProgrammeEligibility([], [], [], [], false),
            90,
            new DateOnly(2026, 1, 1),
            new DateOnly(2027, 12, 31),
            Now
        );
        var enrolment = RiskEnrolment.Of(loan.Id, programme.Id, programme.ExposureOf(loan.Amount), Now);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        Assert.Throws<ConflictException>(() =>
            RiskClaim.File(loan, programme, enrolment, guarantee, 100_000m, today, Now)
        );
        guarantee.Claim(loan, 100_000m, Now);
        Assert.Throws<ConflictException>(() =>
            RiskClaim.File(loan, programme, enrolment, guarantee, 100_000m, today, Now)
        );
        guarantee.PayClaim(LoanStatus.Defaulted, null, Now);
        Assert.Throws<UnprocessableException>(
            () => RiskClaim.File(loan, programme, enrolment, guarantee, 150_000m, today, Now),
            "one loss, shared in turn: not a larger one for the public fund"
        );

        var claim = RiskClaim.File(loan, programme, enrolment, guarantee, 100_000m, today, Now);

        Assert.That((claim.GuarantorPaid, claim.Amount), Is.EqualTo((80_000m, 8_000m)));
    }

    [Test]
    public void AfterARejectedGuaranteeClaim_TheProgrammeCoversItsShareOfTheWholeLoss()
    {
        var (guarantee, loan) = Covering(LoanStatus.Defaulted);
        guarantee.Claim(loan, 100_000m, Now);
        Assert.That(guarantee.SettledPayout, Is.Null);

        guarantee.RejectClaim("Reported late", Now);

        Assert.That(guarantee.SettledPayout, Is.Zero);
    }

    [TestCase(new[] { GuaranteeType.Guarantee }, new[] { GuaranteeType.Guarantee }, true)]
    [TestCase(new[] { GuaranteeType.Guarantee, GuaranteeType.Credit }, new[] { GuaranteeType.Guarantee }, true)]
    [TestCase(
        new[] { GuaranteeType.Guarantee, GuaranteeType.Credit },
        new[] { GuaranteeType.Guarantee, GuaranteeType.Credit },
        false
    )]
    [TestCase(new[] { GuaranteeType.Credit }, new[] { GuaranteeType.Credit, GuaranteeType.Guarantee }, false)]
    public void AMatchReliesOnAGuarantor_OnlyWhenAGuaranteeIsTheOnlySecurityBothAllow(
        GuaranteeType[] product,
        GuaranteeType[] request,
        bool relies
    ) => Assert.That(Match.ReliesOnGuarantee(product, request), Is.EqualTo(relies));

    [Test]
    public void AGuaranteeProductsRules_AreTheLoanProductsRules()
    {
        var firm = new Applicant(
            "440604",
            "C3911",
            true,
            "A",
            720,
            5,
            100_000m,
            12,
            false,
            null,
            new DateOnly(2026, 11, 24)
        );
        var ask = new LoanAsk(Amount, 24, [GuaranteeType.Guarantee], 5m);

        Assert.That(Terms().Evaluate(ask, firm).All(c => c.Passed), Is.True);
        Assert.That(
            Terms(minAmount: Amount + 1).Evaluate(ask, firm).Where(c => !c.Passed).Select(c => c.Rule),
            Is.EqualTo(new[] { "amount" })
        );
        Assert.That(
            Terms()
                .Evaluate(ask, firm with { DivisionCode = "310101", Grade = "B" })
                .Where(c => !c.Passed)
                .Select(c => c.Rule),
            Is.EquivalentTo(new[] { "division", "minGrade" })
        );
    }
}
