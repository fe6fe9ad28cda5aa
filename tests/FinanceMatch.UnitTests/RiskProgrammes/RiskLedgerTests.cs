using FinanceMatch.Core.Common;
using FinanceMatch.Core.Funds;
using FinanceMatch.Core.RiskProgrammes;

namespace FinanceMatch.UnitTests.RiskProgrammes;

public sealed class RiskLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private static RiskProgramme Programme(decimal budget, decimal ratio, decimal cap) =>
        RiskProgramme.Create(
            "Fund",
            Guid.NewGuid(),
            budget,
            ratio,
            cap,
            new RiskProgrammeEligibility([], [], [], [], false),
            90,
            new DateOnly(2026, 1, 1),
            new DateOnly(2027, 12, 31),
            Now
        );

    [Test]
    public void Exposure_IsTheCoveredShare_CappedPerLoan_AndAPayoutNeverExceedsTheReservation()
    {
        var programme = Programme(1_000_000m, 0.4m, 100_000m);
        Assert.That(programme.ExposureOf(200_000m), Is.EqualTo(80_000m));
        Assert.That(programme.ExposureOf(1_000_000m), Is.EqualTo(100_000m));
        Assert.That(programme.PayoutFor(150_000m, 80_000m), Is.EqualTo(60_000m));
        Assert.That(programme.PayoutFor(900_000m, 80_000m), Is.EqualTo(80_000m));
    }

    /// <summary>
    /// Random sequences of enrolments (as the conditional UPDATE takes them: only what is available), payouts and
    /// releases over one programme: after every step the ledger adds up to the programme's reserved and paid sums and to
    /// what the enrolments hold, and the budget is never over-committed.
    /// </summary>
    [Test]
    public void TheLedger_BalancesAfterEveryStep_OfAnySequence([Range(1, 200)] int seed)
    {
        var random = new Random(seed);
        var budget = random.Next(1, 50) * 10_000m;
        var programme = Programme(budget, random.Next(1, 10) / 10m, random.Next(1, 20) * 1_000m);
        decimal reserved = 0,
            paid = 0;
        var ledger = new List<(LedgerEntryKind, decimal)>();
        var active = new List<RiskEnrolment>();
        for (var step = 0; step < 60; step++)
        {
            switch (random.Next(3))
            {
                case 0:
                    var exposure = programme.ExposureOf(random.Next(1, 100) * 1_000m);
                    if (budget - reserved - paid >= exposure)
                    {
                        active.Add(RiskEnrolment.Of(Guid.NewGuid(), programme.Id, exposure, Now));
                        reserved += exposure;
                        ledger.Add((LedgerEntryKind.Reservation, exposure));
                    }
                    break;
                case 1 when active.Count > 0:
                    var claimed = active[random.Next(active.Count)];
                    var payout = programme.PayoutFor(random.Next(1, 200) * 500m, claimed.Reserved);
                    var before = claimed.Reserved;
                    var back = claimed.Pay(payout, Now);
                    Assert.That(payout + back, Is.EqualTo(before));
                    reserved -= before;
                    paid += payout;
                    ledger.Add((LedgerEntryKind.Payout, payout));
                    if (back > 0)
                        ledger.Add((LedgerEntryKind.Release, back));
                    active.Remove(claimed);
                    break;
                case 2 when active.Count > 0:
                    var ended = active[random.Next(active.Count)];
                    var released = ended.Release(Now);
                    reserved -= released;
                    ledger.Add((LedgerEntryKind.Release, released));
                    active.Remove(ended);
                    break;
            }
            var balance = LedgerBalance.Of(ledger);
            Assert.That((balance.Reserved, balance.Paid), Is.EqualTo((reserved, paid)));
            Assert.That(active.Sum(e => e.Reserved), Is.EqualTo(reserved));
            Assert.That(reserved + paid, Is.LessThanOrEqualTo(budget));
        }
    }

    [Test]
    public void AnEnrolment_IsPaidOrReleasedOnce()
    {
        var enrolment = RiskEnrolment.Of(Guid.NewGuid(), Guid.NewGuid(), 1_000m, Now);
        Assert.Throws<UnprocessableException>(() => enrolment.Pay(1_001m, Now));
        Assert.That(enrolment.Pay(400m, Now), Is.EqualTo(600m));
        Assert.Throws<ConflictException>(() => enrolment.Release(Now));
        Assert.Throws<ConflictException>(() => enrolment.Pay(1m, Now));
    }

    [Test]
    public void Eligibility_AdmitsWhatEveryListAllows()
    {
        var product = Guid.NewGuid();
        var rules = new RiskProgrammeEligibility(["A", "AA"], [product], ["4406"], ["C"], FirstLoansOnly: true);
        var loan = new CoveredLoan(product, "440604", "C3911", "A", FirstLoan: true);

        Assert.That(rules.Admits(loan), Is.True);
        Assert.That(rules.Admits(loan with { FirstLoan = false }), Is.False);
        Assert.That(rules.Admits(loan with { ProductId = Guid.NewGuid() }), Is.False);
        Assert.That(rules.Admits(loan with { DivisionCode = "440100" }), Is.False);
        Assert.That(rules.Admits(loan with { IndustryCode = "F5100" }), Is.False);
        Assert.That(rules.Admits(loan with { Grade = "B" }), Is.False);
        Assert.That(rules.Admits(loan with { Grade = null }), Is.False);
        Assert.That(new RiskProgrammeEligibility([], [], [], [], false).Admits(loan with { Grade = null }), Is.True);
    }
}
