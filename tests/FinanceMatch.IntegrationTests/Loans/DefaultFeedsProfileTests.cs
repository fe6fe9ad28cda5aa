using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Loans;

public sealed class DefaultFeedsProfileTests
{
    [Test]
    public async Task ADefault_LowersTheFirmsScore_ThroughItsOwnFactor_AndHistoryKeepsTheScoreBefore()
    {
        var firm = await Support.Marketplace.FirmPayingTaxAsync(20_000m);
        var offer = await AcceptedOfferAsync(await Actors.BankAsync(), firm);
        var loan = await offer.DisburseAsync();
        var before = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(before.Rated, Is.True);
        Assert.That(Factor(before).Value, Is.EqualTo(0), "a firm whose loans never defaulted");

        await offer.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, loan.Amount, 95));
        await offer.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Defaulted, loan.Amount, 95));

        ProfileDto? after = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                after = await firm.Client.Profiles.GetAsync(firm.Created.Id);
                return Factor(after).Value == 1;
            },
            TimeSpan.FromSeconds(30),
            "the default did not reach the firm's profile"
        );
        Assert.That(after!.Score, Is.LessThan(before.Score!.Value));
        Assert.That(Factor(after).Impact, Is.LessThan(0));
        Assert.That(after.Metrics.LoanDefaultsLast60Months, Is.EqualTo(1));
        Assert.That(
            (await firm.Client.Profiles.GetHistoryAsync(firm.Created.Id)).Select(h => h.Score),
            Does.Contain(before.Score),
            "history keeps the score before the default"
        );
    }

    private static ProfileFactorDto Factor(ProfileDto profile) =>
        profile.Factors.Single(f => f.Code == "loanDefaultsLast60Months");
}
