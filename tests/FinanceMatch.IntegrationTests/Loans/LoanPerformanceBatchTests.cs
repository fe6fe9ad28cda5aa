using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Loans;

public sealed class LoanPerformanceBatchTests
{
    [Test]
    public async Task ABanksBatch_AppliesEachRowByTheLoansRules_RejectsWhatIsNotItsOwnOrNotAllowed_AndAppliesOnce()
    {
        var bank = await Actors.BankAsync();
        var first = await (await AcceptedOfferAsync(bank)).DisburseAsync();
        var second = await (await AcceptedOfferAsync(bank)).DisburseAsync();
        var third = await (await AcceptedOfferAsync(bank)).DisburseAsync();
        var foreign = await (await AcceptedOfferAsync(await Actors.BankAsync())).DisburseAsync();
        var csv = $"""
            loanId,period,principalOutstanding,overdueDays,status
            {first.Id},{ThisMonth},{first.Amount - 5000},0,repaying
            {second.Id},{ThisMonth},{second.Amount},40,overdue
            {second.Id},{ThisMonth},{second.Amount},95,defaulted
            {third.Id},{ThisMonth},0,0,settled
            {third.Id},{ThisMonth},{third.Amount},10,overdue
            {foreign.Id},{ThisMonth},0,0,settled
            {Guid.NewGuid()},{ThisMonth},0,0,settled
            not-an-id,{ThisMonth},0,0,settled
            {first.Id},{ThisMonth},-1,0,repaying

            """;

        var batch = await Batches.FinishedAsync(
            bank.Client,
            (await Batches.PushAsync(bank.Client, FeedType.LoanPerformance, csv, Batches.Csv)).Id
        );

        Assert.That(
            (batch.Status, batch.InstitutionId, batch.DepartmentId, batch.AcceptedRows, batch.RejectedRows),
            Is.EqualTo((BatchStatus.CompletedWithErrors, (Guid?)bank.Created.Id, (Guid?)null, 4, 5))
        );
        var errors = (await bank.Client.Feeds.GetBatchErrorsAsync(batch.Id)).Items;
        Assert.That(
            errors.Select(e => (e.RowNumber, e.Field)),
            Is.EquivalentTo(
                new[] { (5, "status"), (6, "loanId"), (7, "loanId"), (8, "loanId"), (9, "principalOutstanding") }
            )
        );
        Assert.That(
            errors.Where(e => e.Field == "loanId").Select(e => e.Message).Distinct(),
            Is.EqualTo(new[] { "This institution has no loan with this id." }),
            "another bank's loan and no loan at all read the same"
        );
        Assert.That((await bank.Client.Loans.GetAsync(first.Id)).PrincipalOutstanding, Is.EqualTo(first.Amount - 5000));
        Assert.That((await bank.Client.Loans.GetAsync(second.Id)).Status, Is.EqualTo(LoanStatus.Defaulted));
        Assert.That((await bank.Client.Loans.GetAsync(third.Id)).Status, Is.EqualTo(LoanStatus.Settled));
        Assert.That(
            (await bank.Client.Loans.ListPerformanceAsync(second.Id)).Single().BatchId,
            Is.EqualTo(batch.Id),
            "the report remembers the batch it came in"
        );

        // The same file again: every accepted row is the same report again, so nothing changes.
        var again = await Batches.FinishedAsync(
            bank.Client,
            (await Batches.PushAsync(bank.Client, FeedType.LoanPerformance, csv, Batches.Csv)).Id
        );
        Assert.That(
            again.AcceptedRows,
            Is.EqualTo(3),
            "rows 1, 3 and 4 are what is stored; row 2 was superseded within its period by row 3, and row 5 is still refused"
        );
        Assert.That((await bank.Client.Loans.GetAsync(second.Id)).Status, Is.EqualTo(LoanStatus.Defaulted));
        Assert.That((await bank.Client.Loans.ListPerformanceAsync(second.Id)).Single().BatchId, Is.EqualTo(batch.Id));
    }

    [Test]
    public async Task OnlyBanksPushLoanPerformance_AndABankPushesNothingElse_NorSeesOthersBatches()
    {
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        const string csv = "loanId,period,principalOutstanding,overdueDays,status\n";

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => Batches.PushAsync(bank.Client, FeedType.Tax, "uscc,period,taxPaid,taxableRevenue\n", Batches.Csv)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => Batches.PushAsync(department.Client, FeedType.LoanPerformance, csv, Batches.Csv)
        );
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () =>
                @operator.Departments.CreateAsync(
                    new CreateDepartmentBody("Loan bureau", Actors.UniqueCode("LB"), [FeedType.LoanPerformance])
                )
        );
        var mine = await Batches.PushAsync(bank.Client, FeedType.LoanPerformance, csv, Batches.Csv);
        var other = await Actors.BankAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Feeds.GetBatchAsync(mine.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => department.Client.Feeds.GetBatchAsync(mine.Id));
        Assert.That((await bank.Client.Feeds.ListBatchesAsync()).Items.Select(b => b.Id), Does.Contain(mine.Id));
    }
}
