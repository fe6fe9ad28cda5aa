using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Feeds;

/// <summary>A record belongs to the department that first supplied it; an operator can hand a department's records to its successor.</summary>
public sealed class RecordOwnershipTests
{
    [Test]
    public async Task AnotherDepartmentsRecord_IsRejectedWithItsRowNumber_AndStaysUnchanged()
    {
        var uscc = Usccs.Next();
        var owner = await Actors.DepartmentAsync(FeedType.Tax);
        var intruder = await Actors.DepartmentAsync(FeedType.Tax);
        await FinishedAsync(
            owner.Client,
            (
                await PushAsync(
                    owner.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(2)},1000,20000\n",
                    Csv
                )
            ).Id
        );

        var batch = await FinishedAsync(
            intruder.Client,
            (
                await PushAsync(
                    intruder.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(2)},1,1\n{uscc},{Month(3)},700,14000\n",
                    Csv
                )
            ).Id
        );

        Assert.That(
            (batch.Status, batch.AcceptedRows, batch.RejectedRows),
            Is.EqualTo((BatchStatus.CompletedWithErrors, 1, 1))
        );
        var error = (await intruder.Client.Feeds.GetBatchErrorsAsync(batch.Id)).Items.Single();
        Assert.That(error.RowNumber, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("Another department"));
        Assert.That(
            await Sql.ScalarAsync<decimal>(
                "SELECT tax_paid FROM financematch.tax_records WHERE uscc = $1 AND period = $2",
                uscc,
                DateOnly.ParseExact(Month(2) + "-01", "yyyy-MM-dd")
            ),
            Is.EqualTo(1000m),
            "the owner's record is unchanged"
        );
        Assert.That(
            await Sql.ScalarAsync<Guid>(
                "SELECT department_id FROM financematch.tax_records WHERE uscc = $1 AND period = $2",
                uscc,
                DateOnly.ParseExact(Month(3) + "-01", "yyyy-MM-dd")
            ),
            Is.EqualTo(intruder.Created.Id),
            "a key nobody held is the intruder's own"
        );
        var resent = await FinishedAsync(
            owner.Client,
            (
                await PushAsync(
                    owner.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(2)},1100,22000\n",
                    Csv
                )
            ).Id
        );
        Assert.That(resent.Status, Is.EqualTo(BatchStatus.Completed), "the owner still corrects its own record");
    }

    [Test]
    public async Task Transfer_HandsTheRecordsToTheSuccessor_AndIsLogged()
    {
        var uscc = Usccs.Next();
        var closing = await Actors.DepartmentAsync(FeedType.Tax);
        var successor = await Actors.DepartmentAsync(FeedType.Tax);
        var unfit = await Actors.DepartmentAsync(FeedType.Utility);
        await FinishedAsync(
            closing.Client,
            (
                await PushAsync(
                    closing.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(2)},1000,20000\n{uscc},{Month(3)},900,18000\n",
                    Csv
                )
            ).Id
        );
        var firm = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
        var objection = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, Month(2), "Paid more than that")
        );
        var @operator = await TestRun.OperatorAsync();

        await Problems.ExpectFieldErrorAsync(
            "toDepartmentId",
            () =>
                @operator.Departments.TransferRecordsAsync(
                    closing.Created.Id,
                    new TransferRecordsBody(unfit.Created.Id, "Merger")
                ),
            HttpStatusCode.UnprocessableEntity
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () =>
                successor.Client.Departments.TransferRecordsAsync(
                    closing.Created.Id,
                    new TransferRecordsBody(successor.Created.Id, "Taking them")
                )
        );
        var transfer = await @operator.Departments.TransferRecordsAsync(
            closing.Created.Id,
            new TransferRecordsBody(successor.Created.Id, "The district office merged into the city office.")
        );

        Assert.That(transfer.Records["tax"], Is.EqualTo(2));
        var update = await FinishedAsync(
            successor.Client,
            (
                await PushAsync(
                    successor.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(2)},1200,24000\n",
                    Csv
                )
            ).Id
        );
        Assert.That(update.Status, Is.EqualTo(BatchStatus.Completed));
        Assert.That(
            (
                (await firm.Client.Objections.GetAsync(objection.Id)).Status,
                (await firm.Client.Objections.GetAsync(objection.Id)).DepartmentId
            ),
            Is.EqualTo((ObjectionStatus.Corrected, successor.Created.Id)),
            "the objection moved with the record, and the successor's corrected record closed it"
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => closing.Client.Objections.GetAsync(objection.Id));
        var late = await FinishedAsync(
            closing.Client,
            (
                await PushAsync(
                    closing.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(3)},1,1\n",
                    Csv
                )
            ).Id
        );
        Assert.That(late.RejectedRows, Is.EqualTo(1), "the closed office's records are no longer its own");
        var events = await @operator.Credentials.ListEventsAsync(
            kind: "recordsTransferred",
            subjectId: closing.Created.Id
        );
        Assert.That(events.Items.Single().Detail, Does.Contain("2 tax").And.Contain("merged"));
    }
}
