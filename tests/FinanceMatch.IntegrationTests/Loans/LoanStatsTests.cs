using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Loans;

public sealed class LoanStatsTests
{
    [Test]
    public async Task ABanksLoanOutcomes_CountItsOwnLoans_ByStatusFirstLoanGuaranteeAndCover()
    {
        var bank = await Actors.BankAsync();
        var offers = new List<AcceptedOffer>();
        for (var i = 0; i < 4; i++)
            offers.Add(await AcceptedOfferAsync(bank));
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            new CreateRiskProgrammeBody(
                "Outcome fund",
                null,
                100_000_000_000m,
                0.5m,
                1_000_000m,
                new RiskProgrammeEligibilityDto(ProductIds: [offers[0].Match.ProductId]),
                90,
                Today.AddDays(-1),
                Today.AddYears(1)
            )
        );
        var loans = new List<LoanDto>();
        foreach (var (offer, index) in offers.Select((o, i) => (o, i)))
            loans.Add(await offer.DisburseAsync(firstLoan: index < 3));
        // 0: defaulted and paid by the programme; 1: overdue; 2: settled; 3: repaying, never reported.
        await bank.Client.Loans.ReportPerformanceAsync(loans[0].Id, Report(LoanStatus.Overdue, loans[0].Amount, 95));
        await bank.Client.Loans.ReportPerformanceAsync(loans[0].Id, Report(LoanStatus.Defaulted, loans[0].Amount, 95));
        var claim = await bank.Client.RiskProgrammes.FileClaimAsync(loans[0].Id, new FileClaimBody(400_000m));
        await department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null));
        await bank.Client.Loans.ReportPerformanceAsync(loans[1].Id, Report(LoanStatus.Overdue, loans[1].Amount, 10));
        await bank.Client.Loans.ReportPerformanceAsync(loans[2].Id, Report(LoanStatus.Settled, 0m));

        var all = (await bank.Client.Statistics.GetLoansAsync()).Rows.Single();

        Assert.That(all.Key, Is.EqualTo("all"));
        Assert.That(
            (all.Loans, all.OutstandingLoans, all.OverdueLoans, all.DefaultedLoans, all.SettledLoans),
            Is.EqualTo((4L, 3L, 1L, 1L, 1L))
        );
        Assert.That(all.DisbursedAmount, Is.EqualTo(loans.Sum(l => l.Amount)));
        Assert.That(all.OverdueAmount, Is.EqualTo(loans[1].Amount));
        Assert.That(all.OverdueRatio, Is.EqualTo((double)loans[1].Amount / (double)all.OutstandingAmount).Within(1e-9));
        Assert.That(
            (all.DefaultRate, all.FirstLoans, all.FirstLoanRate),
            Is.EqualTo(((double?)0.25, 3L, (double?)0.75))
        );
        Assert.That(
            (all.CreditLoans, all.CreditShare),
            Is.EqualTo((4L, (double?)1.0)),
            "credit products, unnamed guarantee"
        );
        Assert.That(all.AverageAnnualRate, Is.EqualTo(4.5m));
        Assert.That(all.MedianHoursToApproval, Is.Not.Null.And.GreaterThanOrEqualTo(0));
        Assert.That((all.StaleLoans, all.CoveredLoans, all.ClaimsPaid), Is.EqualTo((0L, 1L, claim.Amount)));

        var byProgramme = (await bank.Client.Statistics.GetLoansAsync(by: "programme")).Rows;
        Assert.That(
            byProgramme.Select(r => (r.Key, r.Label, r.Loans)),
            Is.EquivalentTo(new[] { (programme.Id.ToString(), programme.Name, 1L), ("none", "not covered", 3L) })
        );
        await Problems.ExpectFieldErrorAsync("by", () => bank.Client.Statistics.GetLoansAsync(by: "grade"));
        var byStatusOfOther = await (await Actors.BankAsync()).Client.Statistics.GetLoansAsync();
        Assert.That(byStatusOfOther.Rows, Is.Empty, "a bank sees only its own loans");
    }

    [Test]
    public async Task LoanOutcomes_AreForOperatorsAndBanks_AndCheckTheirParameters()
    {
        var firm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Statistics.GetLoansAsync());
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync("by", () => @operator.Statistics.GetLoansAsync(by: "colour"));
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => @operator.Statistics.GetLoansAsync(from: Today, to: Today.AddDays(-1))
        );
        var byGrade = await @operator.Statistics.GetLoansAsync(by: "grade", from: Today.AddYears(-1));
        Assert.That(byGrade.By, Is.EqualTo(LoanStatsDimension.Grade));
    }
}
