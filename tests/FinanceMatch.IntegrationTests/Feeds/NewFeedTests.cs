using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Feeds;

/// <summary>
/// The wider credit file (issue 19): housing fund, intellectual property, real estate and honours arrive through the one
/// pipeline, with their row checks, and reach a bank's report only under their own scope.
/// </summary>
public sealed class NewFeedTests
{
    private static readonly string Today = DateTime.UtcNow.ToString(
        "yyyy-MM-dd",
        System.Globalization.CultureInfo.InvariantCulture
    );

    private static async Task<BatchDto> PushAsync(FeedType feedType, string csv)
    {
        var department = await Actors.DepartmentAsync(feedType);
        var queued = await Batches.PushAsync(department.Client, feedType, csv, Batches.Csv);
        return await Batches.FinishedAsync(department.Client, queued.Id);
    }

    private static async Task<(BatchDto Batch, string[] Fields)> RejectsAsync(
        Actors.Party<CreatedDepartment> department,
        BatchDto batch
    ) => (batch, (await department.Client.Feeds.GetBatchErrorsAsync(batch.Id)).Items.Select(e => e.Field).ToArray());

    [Test]
    public async Task EachNewFeed_IsCheckedRowByRow_AndReachesAReportOnlyUnderItsScope()
    {
        var firm = await Actors.EnterpriseAsync();
        var uscc = firm.Created.Uscc;
        var cases = new (FeedType Feed, string Csv, string RejectedField)[]
        {
            (
                FeedType.HousingFund,
                $"uscc,period,contributingEmployees,amountPaid\n{uscc},{Batches.Month(1)},12,8400\n{uscc},{Batches.Month(2)},11,7700\n{uscc},{Batches.Month(3)},-1,100\n",
                "contributingEmployees"
            ),
            (
                FeedType.IntellectualProperty,
                $"uscc,number,kind,grantedOn\n{uscc},ZL202110001234.5,invention,2021-06-01\n{uscc},TM-55120,trademark,2019-03-12\n{uscc},X1,software,2020-01-01\n",
                "kind"
            ),
            (
                FeedType.RealEstate,
                $"uscc,certificateNo,kind,amount,registeredOn,releasedOn\n{uscc},YUE-2024-0012,mortgage,2000000,2024-05-01,\n{uscc},YUE-2025-0877,seizure,350000,2025-09-10,\n{uscc},YUE-2020-0001,mortgage,100,2024-05-01,2023-01-01\n",
                "releasedOn"
            ),
            (
                FeedType.Honour,
                $"uscc,kind,grantedOn,level,title,validUntil\n{uscc},aLevelTaxpayer,2025-04-01,provincial,,2027-03-31\n{uscc},specialised,2024-11-20,municipal,Foshan 专精特新,\n{uscc},award,2099-01-01,national,Future,\n",
                "grantedOn"
            ),
        };
        foreach (var (feed, csv, rejectedField) in cases)
        {
            var department = await Actors.DepartmentAsync(feed);
            var batch = await Batches.FinishedAsync(
                department.Client,
                (await Batches.PushAsync(department.Client, feed, csv, Batches.Csv)).Id
            );
            var (done, fields) = await RejectsAsync(department, batch);
            Assert.That(
                (done.Status, done.AcceptedRows, done.RejectedRows),
                Is.EqualTo((BatchStatus.CompletedWithErrors, 2, 1)),
                $"{feed}"
            );
            Assert.That(fields, Is.EqualTo(new[] { rejectedField }), $"{feed}");
        }

        var bank = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [
                    ConsentScope.HousingFund,
                    ConsentScope.IntellectualProperty,
                    ConsentScope.RealEstate,
                    ConsentScope.Honour,
                ],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        var report = await bank.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(
            report.Records.HousingFund!.Select(r => (r.RecordKey, r.ContributingEmployees)),
            Is.EqualTo(new[] { (Batches.Month(1), 12), (Batches.Month(2), 11) })
        );
        Assert.That(
            report.Records.IntellectualProperty!.Select(r => (r.Number, r.Status)),
            Is.EquivalentTo(new[] { ("ZL202110001234.5", "valid"), ("TM-55120", "valid") })
        );
        Assert.That(
            report.Records.RealEstate!.Select(r => r.RecordKey),
            Is.EquivalentTo(new[] { "YUE-2024-0012/mortgage", "YUE-2025-0877/seizure" })
        );
        Assert.That(
            report.Records.Honour!.Select(r => r.RecordKey),
            Is.EquivalentTo(new[] { "aLevelTaxpayer/2025-04-01", "specialised/2024-11-20" })
        );
        Assert.That(
            report.Records.Honour!.Single(h => h.Kind == "aLevelTaxpayer").ValidUntil,
            Is.EqualTo(new DateOnly(2027, 3, 31)),
            "a validity may end in the future"
        );
        Assert.That(
            (report.Records.Tax, report.Profile),
            Is.EqualTo(((IReadOnlyList<TaxRecordDto>?)null, (ProfileDto?)null)),
            "only the scopes consented"
        );

        // Another bank, consented only to the tax record, sees none of the new records.
        var other = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                other.Created.Id,
                null,
                [ConsentScope.Tax],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        var narrow = await other.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(
            (
                narrow.Records.HousingFund,
                narrow.Records.IntellectualProperty,
                narrow.Records.RealEstate,
                narrow.Records.Honour
            ),
            Is.EqualTo(
                (
                    (IReadOnlyList<HousingFundRecordDto>?)null,
                    (IReadOnlyList<IntellectualPropertyRecordDto>?)null,
                    (IReadOnlyList<RealEstateRecordDto>?)null,
                    (IReadOnlyList<HonourRecordDto>?)null
                )
            )
        );

        // The firm disputes the seizure by its record key; the bank's report shows it disputed.
        var objection = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.RealEstate, "YUE-2025-0877/seizure", "The seizure was lifted in October.")
        );
        Assert.That(objection.FeedType, Is.EqualTo(FeedType.RealEstate));
        var disputed = await bank.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(disputed.Records.RealEstate!.Single(r => r.Kind == "seizure").Disputed, Is.True);
        Assert.That(disputed.Records.RealEstate!.Single(r => r.Kind == "mortgage").Disputed, Is.False);
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () =>
                firm.Client.Objections.FileAsync(
                    firm.Created.Id,
                    new FileObjectionBody(FeedType.Honour, "award", "No date")
                )
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                firm.Client.Objections.FileAsync(
                    firm.Created.Id,
                    new FileObjectionBody(FeedType.Honour, "award/2020-01-01", "No such honour")
                )
        );
    }

    [Test]
    public async Task ADepartment_PushesOnlyTheNewFeedsItWasCreatedFor()
    {
        var fund = await Actors.DepartmentAsync(FeedType.HousingFund);
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () =>
                Batches.PushAsync(
                    fund.Client,
                    FeedType.RealEstate,
                    "uscc,certificateNo,kind,amount,registeredOn\n",
                    Batches.Csv
                )
        );
        var batch = await PushAsync(
            FeedType.Honour,
            $"uscc,kind,grantedOn,level\n{Usccs.Next()},award,{Today},district\n"
        );
        Assert.That(
            (batch.Status, batch.AcceptedRows),
            Is.EqualTo((BatchStatus.Completed, 1)),
            "a firm not yet registered: its honour waits for it"
        );
    }
}
