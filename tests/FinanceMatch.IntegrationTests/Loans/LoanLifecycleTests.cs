using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Loans;

public sealed class LoanLifecycleTests
{
    [Test]
    public async Task ALoan_IsFollowedFromDisbursementToSettlement_AndItsFirmSeesIt()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var bank = offer.Bank.Client;

        var loan = await offer.DisburseAsync(firstLoan: true);

        Assert.That(
            (loan.Id, loan.Status, loan.PrincipalOutstanding, loan.Amount, loan.FirstLoan, loan.Stale, loan.LastPeriod),
            Is.EqualTo((offer.Match.Id, LoanStatus.Repaying, offer.Amount, offer.Amount, true, false, (string?)null))
        );
        var firmsLoans = await offer.Firm.Client.Loans.ListAsync();
        Assert.That(firmsLoans.Items.Select(l => l.Id), Is.EqualTo(new[] { loan.Id }), "the firm sees its own loan");

        var repaying = await bank.Loans.ReportPerformanceAsync(
            loan.Id,
            Report(LoanStatus.Repaying, offer.Amount - 10_000m)
        );
        var again = await bank.Loans.ReportPerformanceAsync(
            loan.Id,
            Report(LoanStatus.Repaying, offer.Amount - 10_000m)
        );
        Assert.That(again.UpdatedAt, Is.EqualTo(repaying.UpdatedAt), "the same report again changes nothing");
        var overdue = await bank.Loans.ReportPerformanceAsync(
            loan.Id,
            Report(LoanStatus.Overdue, offer.Amount - 10_000m, overdueDays: 12)
        );
        Assert.That((overdue.Status, overdue.OverdueDays), Is.EqualTo((LoanStatus.Overdue, 12)));
        await bank.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, offer.Amount - 20_000m));
        var settled = await bank.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m));

        Assert.That(
            (settled.Status, settled.PrincipalOutstanding, settled.EndedOn, settled.LastPeriod),
            Is.EqualTo((LoanStatus.Settled, 0m, (DateOnly?)Today, (string?)ThisMonth))
        );
        Assert.That((await offer.Firm.Client.Loans.GetAsync(loan.Id)).Status, Is.EqualTo(LoanStatus.Settled));
        var history = await offer.Firm.Client.Loans.ListPerformanceAsync(loan.Id);
        Assert.That(
            history.Select(r => (r.Period, r.Status)),
            Is.EqualTo(new[] { (ThisMonth, LoanStatus.Settled) }),
            "a period keeps the loan as it ended the period"
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, 0m))
        );
    }

    [Test]
    public async Task EveryMoveTheLifecycleDoesNotDraw_Is409_AndEveryContradiction422()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var loan = await offer.DisburseAsync();
        var bank = offer.Bank.Client.Loans;

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Defaulted, offer.Amount, 90))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.WrittenOff, offer.Amount, 90))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, offer.Amount, overdueDays: 0))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 1m))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, offer.Amount + 1m))
        );
        var nextMonth = DateTime
            .UtcNow.AddMonths(1)
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, 1m) with { Period = nextMonth })
        );
        var lastMonth = DateTime
            .UtcNow.AddMonths(-1)
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, 1m) with { Period = lastMonth })
        );
        var errors = await Problems.ExpectFieldErrorAsync(
            "period",
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, 1m) with { Period = "2026-13" })
        );
        Assert.That(errors, Is.Not.Empty);

        await bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, offer.Amount, 95));
        var defaulted = await bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Defaulted, offer.Amount, 95));
        Assert.That((defaulted.Status, defaulted.DefaultedOn), Is.EqualTo((LoanStatus.Defaulted, (DateOnly?)Today)));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, offer.Amount))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.WrittenOff, 0m, 95))
        );
        var writtenOff = await bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.WrittenOff, offer.Amount, 120));
        Assert.That(writtenOff.Status, Is.EqualTo(LoanStatus.WrittenOff));
    }

    [Test]
    public async Task ConcurrentReports_OneWins_TheOther409()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var loan = await offer.DisburseAsync();
        var bank = offer.Bank.Client.Loans;

        // From repaying both are legal; whichever lands second finds the loan moved and the move illegal.
        var calls = new[]
        {
            bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m)),
            bank.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, offer.Amount, 30)),
        };
        var outcomes = await Task.WhenAll(
            calls.Select(async c =>
            {
                try
                {
                    await c;
                    return HttpStatusCode.OK;
                }
                catch (Refit.ApiException e)
                {
                    return e.StatusCode;
                }
            })
        );

        Assert.That(outcomes.Order(), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
    }

    [Test]
    public async Task ALoan_IsItsBanksAndItsFirms_AndNobodyElses()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var loan = await offer.DisburseAsync();
        var otherBank = await Actors.BankAsync();
        var otherFirm = await Actors.EnterpriseAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBank.Client.Loans.GetAsync(loan.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherFirm.Client.Loans.GetAsync(loan.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBank.Client.Loans.ListPerformanceAsync(loan.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherBank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => offer.Firm.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m))
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => department.Client.Loans.ListAsync());
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Loans.GetAsync(loan.Id));
        Assert.That((await otherBank.Client.Loans.ListAsync()).Items, Is.Empty);
        Assert.That(
            (await (await TestRun.OperatorAsync()).Loans.GetAsync(loan.Id)).Status,
            Is.EqualTo(LoanStatus.Repaying),
            "operators see every loan"
        );
    }

    [Test]
    public async Task AStaleLoan_IsOneItsBankHasNotReportedForTwoPeriods()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var loan = await offer.DisburseAsync();

        Assert.That(loan.Stale, Is.False, "paid out this month");
        Assert.That((await offer.Bank.Client.Loans.ListAsync(stale: true)).Items, Is.Empty);
        Assert.That(
            (await offer.Bank.Client.Loans.ListAsync(stale: false)).Items.Select(l => l.Id),
            Is.EqualTo(new[] { loan.Id })
        );

        // Time passes: the loan was paid out three months ago and never reported (two whole periods and more).
        await Sql.ExecuteAsync(
            "UPDATE financematch.loans SET disbursed_on = disbursed_on - interval '3 months' WHERE id = $1",
            loan.Id
        );
        Assert.That((await offer.Bank.Client.Loans.GetAsync(loan.Id)).Stale, Is.True);
        Assert.That(
            (await offer.Bank.Client.Loans.ListAsync(stale: true)).Items.Select(l => l.Id),
            Is.EqualTo(new[] { loan.Id })
        );
        var reported = await offer.Bank.Client.Loans.ReportPerformanceAsync(
            loan.Id,
            Report(LoanStatus.Repaying, offer.Amount)
        );
        Assert.That(reported.Stale, Is.False, "a report this period makes it current again");
        Assert.That((await offer.Bank.Client.Loans.ListAsync(stale: true)).Items, Is.Empty);
    }
}
