using FinanceMatch.Core.Common;
using FinanceMatch.Core.Policies;

namespace FinanceMatch.UnitTests.Policies;

public sealed class PolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PolicyEligibility Anyone = new(null, [], [], [], false, []);

    private static Policy Subsidy(
        PolicyKind kind = PolicyKind.InterestSubsidy,
        decimal rate = 1m,
        int months = 12,
        decimal cap = 1_000_000m
    ) =>
        Policy.Create(
            Guid.NewGuid(),
            "Subsidy",
            kind,
            null,
            Anyone,
            rate,
            months,
            null,
            cap,
            10_000_000m,
            new(2026, 1, 1),
            new(2027, 1, 1),
            Now
        );

    private static SubsidisedLoan Loan(
        decimal amount = 1_200_000m,
        decimal rate = 4.5m,
        int term = 24,
        bool first = false,
        decimal? fee = null
    ) => new(amount, rate, term, first, fee);

    [Test]
    public void AnInterestSubsidy_PaysItsPointsForItsMonths_NoMoreThanTheRateTheTermOrTheCap()
    {
        Assert.That(Subsidy().EntitlementOf(Loan()), Is.EqualTo(12_000m));
        Assert.That(
            Subsidy(months: 12).EntitlementOf(Loan(term: 6)),
            Is.EqualTo(6_000m),
            "six months of a six-month loan"
        );
        Assert.That(
            Subsidy(rate: 8m).EntitlementOf(Loan(rate: 4.5m)),
            Is.EqualTo(54_000m),
            "never more than the interest"
        );
        Assert.That(Subsidy(cap: 5_000m).EntitlementOf(Loan()), Is.EqualTo(5_000m));
    }

    [Test]
    public void AGuaranteeFeeSubsidy_NeedsAGuarantee_AndAFirstLoanBonus_AFirstLoan()
    {
        Assert.That(Subsidy(PolicyKind.GuaranteeFeeSubsidy).EntitlementOf(Loan()), Is.Zero);
        Assert.That(
            Subsidy(PolicyKind.GuaranteeFeeSubsidy, rate: 2m).EntitlementOf(Loan(fee: 1.5m)),
            Is.EqualTo(18_000m)
        );
        var bonus = Policy.Create(
            Guid.NewGuid(),
            "Bonus",
            PolicyKind.FirstLoanBonus,
            null,
            Anyone,
            null,
            null,
            20_000m,
            50_000m,
            1_000_000m,
            new(2026, 1, 1),
            new(2027, 1, 1),
            Now
        );
        Assert.That(bonus.Eligibility.FirstLoansOnly, Is.True);
        Assert.That(bonus.EntitlementOf(Loan(first: false)), Is.Zero);
        Assert.That(bonus.EntitlementOf(Loan(first: true)), Is.EqualTo(20_000m));
        Assert.That(bonus.AccruedAfter(20_000m, 0, 24), Is.Zero);
        Assert.That(bonus.AccruedAfter(20_000m, 1, 24), Is.EqualTo(20_000m));
        Assert.Throws<UnprocessableException>(() =>
            Policy.Create(
                Guid.NewGuid(),
                "Bad",
                PolicyKind.FirstLoanBonus,
                null,
                Anyone,
                1m,
                12,
                20_000m,
                1m,
                1m,
                new(2026, 1, 1),
                new(2027, 1, 1),
                Now
            )
        );
    }

    [Test]
    public void ASubsidy_IsEarnedMonthByMonth_AndWhatIsNotEarnedGoesBackWhenTheLoanEnds()
    {
        var policy = Subsidy();
        Assert.That(policy.AccruedAfter(12_000m, 3, 24), Is.EqualTo(3_000m));
        Assert.That(policy.AccruedAfter(12_000m, 40, 24), Is.EqualTo(12_000m));
        // A six-month loan earns its six months' subsidy over its six months, not over the policy's twelve.
        Assert.That(policy.AccruedAfter(6_000m, 3, 6), Is.EqualTo(3_000m));
        Assert.That(policy.AccruedAfter(6_000m, 6, 6), Is.EqualTo(6_000m));

        var enrolment = PolicyEnrolment.Of(Guid.NewGuid(), policy.Id, 12_000m, Now);
        enrolment.Pay(1_000m, Now);
        // Three months earned (3,000), 1,000 claimed: 2,000 stays to be claimed, the 9,000 never earned goes back.
        Assert.That(enrolment.ReleaseAfterEnd(3_000m, 0, 10, Now), Is.EqualTo(9_000m));
        Assert.That((enrolment.Reserved, enrolment.Status), Is.EqualTo((2_000m, PolicyEnrolmentStatus.Active)));
        // Past the claim window, all but a submitted claim goes back.
        Assert.That(
            enrolment.ReleaseAfterEnd(3_000m, 500m, PolicyEnrolment.ClaimWindowDays + 1, Now),
            Is.EqualTo(1_500m)
        );
        enrolment.Pay(500m, Now);
        Assert.That(
            (enrolment.Reserved, enrolment.Claimed, enrolment.Status),
            Is.EqualTo((0m, 1_500m, PolicyEnrolmentStatus.Ended))
        );
        Assert.Throws<ConflictException>(() => enrolment.Pay(0.01m, Now));
    }
}
