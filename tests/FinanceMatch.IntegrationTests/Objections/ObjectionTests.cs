using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Objections;

public sealed class ObjectionTests
{
    [Test]
    public async Task AnOpenObjection_MarksTheRecordDisputedInReports_UntilTheDepartmentPushesTheCorrectedRecord()
    {
        var bureau = await Actors.DepartmentAsync(FeedType.Tax);
        var firm = await FirmPayingTaxAsync(25_000m, taxDepartment: bureau);
        var bank = await ReaderOfAsync(firm);
        var month = Batches.Month(2);
        Assert.That(await DisputedTaxMonthsAsync(bank, firm), Is.Empty);

        var objection = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, month, "Paid in full; the bureau lost the receipt")
        );

        Assert.That(
            (objection.Status, objection.Overdue, objection.RecordKey, objection.EnterpriseId),
            Is.EqualTo((ObjectionStatus.Open, false, month, firm.Created.Id))
        );
        Assert.That(
            await DisputedTaxMonthsAsync(bank, firm),
            Is.EqualTo(new[] { month }),
            "only the disputed record, in every report"
        );
        Assert.That(
            (await firm.Client.Objections.GetAsync(objection.Id)).Reason,
            Is.EqualTo("Paid in full; the bureau lost the receipt")
        );
        Assert.That(
            (await firm.Client.Objections.ListForEnterpriseAsync(firm.Created.Id)).Items.Select(o => o.Id),
            Is.EqualTo(new[] { objection.Id })
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => firm.Client.Objections.FileAsync(firm.Created.Id, new FileObjectionBody(FeedType.Tax, month, "Again"))
        );

        // Routed to the bureau that supplied the record: it sees it (without the platform's enterprise id); nobody else
        // does, and operators do not decide it before its 20 days run out.
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                @operator.Objections.ResolveAsync(
                    objection.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, "Too early")
                )
        );
        var otherBureau = await Actors.DepartmentAsync(FeedType.Tax);
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBureau.Client.Objections.GetAsync(objection.Id));
        Assert.That((await otherBureau.Client.Objections.ListAsync(pageSize: 500)).Items, Is.Empty);
        var routed = await bureau.Client.Objections.ListAsync(pageSize: 500);
        Assert.That(
            routed.Items.Select(o => (o.Id, o.EnterpriseId, o.Uscc, o.RecordKey)),
            Is.EqualTo(new[] { (objection.Id, Guid.Empty, firm.Created.Uscc, month) })
        );
        Assert.That(routed.Items[0].DueBy, Is.EqualTo(objection.CreatedAt.AddDays(20)));

        var promised = await bureau.Client.Objections.ResolveAsync(
            objection.Id,
            new ResolveObjectionBody(ObjectionOutcome.Corrected, "The bureau re-sent the month")
        );
        Assert.That(
            (promised.Status, promised.CorrectionPromisedAt is not null),
            Is.EqualTo((ObjectionStatus.Open, true)),
            "corrected is a promise until the record arrives"
        );
        Assert.That(await DisputedTaxMonthsAsync(bank, firm), Is.EqualTo(new[] { month }));

        async Task PushMonthAsync(decimal taxPaid) =>
            await Batches.FinishedAsync(
                bureau.Client,
                (
                    await Batches.PushAsync(
                        bureau.Client,
                        FeedType.Tax,
                        $"uscc,period,taxPaid,taxableRevenue\n{firm.Created.Uscc},{month},{taxPaid},500000\n",
                        Batches.Csv
                    )
                ).Id
            );
        await PushMonthAsync(25_000m);
        Assert.That(
            (await firm.Client.Objections.GetAsync(objection.Id)).Status,
            Is.EqualTo(ObjectionStatus.Open),
            "the record re-sent unchanged corrects nothing"
        );
        await PushMonthAsync(26_500m);
        var resolved = await firm.Client.Objections.GetAsync(objection.Id);
        Assert.That(
            (resolved.Status, resolved.ClosedBy, resolved.ResolutionNote, resolved.ResolvedAt is not null),
            Is.EqualTo(
                (ObjectionStatus.Corrected, ObjectionCloser.CorrectedRecord, "The bureau re-sent the month", true)
            )
        );
        Assert.That(
            await DisputedTaxMonthsAsync(bank, firm),
            Is.Empty,
            "a resolved objection no longer marks the record"
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                bureau.Client.Objections.ResolveAsync(
                    objection.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, "Changed my mind")
                )
        );
        var again = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, month, "Still wrong")
        );
        Assert.That(
            again.Status,
            Is.EqualTo(ObjectionStatus.Open),
            "a record may be disputed again once the last objection is closed"
        );
    }

    [Test]
    public async Task OnlyTheFirm_Files_OnlyItsDepartmentAnswers_AndNobodyElseSeesIt()
    {
        var firm = await FirmPayingTaxAsync(25_000m);
        var stranger = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var @operator = await TestRun.OperatorAsync();
        var body = new FileObjectionBody(FeedType.Tax, Batches.Month(1), "Wrong amount");

        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => stranger.Client.Objections.FileAsync(firm.Created.Id, body)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => @operator.Objections.FileAsync(firm.Created.Id, body)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Objections.FileAsync(firm.Created.Id, body)
        );
        var objection = await firm.Client.Objections.FileAsync(firm.Created.Id, body);

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => stranger.Client.Objections.GetAsync(objection.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => stranger.Client.Objections.ListForEnterpriseAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Objections.GetAsync(objection.Id));
        var strangerDepartment = await Actors.DepartmentAsync(FeedType.Tax);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () =>
                strangerDepartment.Client.Objections.ResolveAsync(
                    objection.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, "Not mine to answer")
                )
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Objections.ListAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () =>
                firm.Client.Objections.ResolveAsync(
                    objection.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Corrected, "I say so")
                )
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () =>
                @operator.Objections.ResolveAsync(
                    Guid.NewGuid(),
                    new ResolveObjectionBody(ObjectionOutcome.Corrected, "No such objection")
                )
        );
        Assert.That((await @operator.Objections.GetAsync(objection.Id)).Id, Is.EqualTo(objection.Id));
        Assert.That((await @operator.Objections.ListForEnterpriseAsync(firm.Created.Id)).Items, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task BadObjections_Are400Or422_AndCreateNothing()
    {
        var firm = await FirmPayingTaxAsync(25_000m);
        var id = firm.Created.Id;

        Assert.That(
            await Problems.ExpectFieldErrorAsync(
                "recordKey",
                () => firm.Client.Objections.FileAsync(id, new FileObjectionBody(FeedType.Tax, "June 2025", "Wrong"))
            ),
            Has.Some.Contains("YYYY-MM")
        );
        Assert.That(
            await Problems.ExpectFieldErrorAsync(
                "recordKey",
                () =>
                    firm.Client.Objections.FileAsync(
                        id,
                        new FileObjectionBody(FeedType.Utility, Batches.Month(1), "Wrong")
                    )
            ),
            Has.Some.Contains("electricity")
        );
        await Problems.ExpectFieldErrorAsync(
            "reason",
            () => firm.Client.Objections.FileAsync(id, new FileObjectionBody(FeedType.Tax, Batches.Month(1), ""))
        );
        await Problems.ExpectFieldErrorAsync(
            "recordKey",
            () =>
                firm.Client.Objections.FileAsync(
                    id,
                    new FileObjectionBody(FeedType.Penalty, new string('x', 101), "Wrong")
                )
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => firm.Client.Objections.FileAsync(id, new FileObjectionBody(FeedType.Tax, "1999-01", "No such month"))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                firm.Client.Objections.FileAsync(
                    id,
                    new FileObjectionBody(FeedType.Penalty, "NO-SUCH-DECISION", "Never fined")
                )
        );
        await Problems.ExpectRawAsync(
            HttpStatusCode.BadRequest,
            await firm.Client.Http.PostAsync(
                new Uri($"/api/v1/enterprises/{id}/objections", UriKind.Relative),
                new StringContent(
                    """{"feedType":"weather","recordKey":"2025-06","reason":"x"}""",
                    System.Text.Encoding.UTF8,
                    "application/json"
                )
            )
        );
        Assert.That((await firm.Client.Objections.ListForEnterpriseAsync(id)).Items, Is.Empty);

        var objection = await firm.Client.Objections.FileAsync(
            id,
            new FileObjectionBody(FeedType.Tax, Batches.Month(1), "Wrong")
        );
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync(
            "note",
            () =>
                @operator.Objections.ResolveAsync(
                    objection.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, " ")
                )
        );
        await Problems.ExpectAsync(HttpStatusCode.BadRequest, () => @operator.Objections.ListAsync(status: "lost"));
        Assert.That((await firm.Client.Objections.GetAsync(objection.Id)).Status, Is.EqualTo(ObjectionStatus.Open));
    }

    [Test]
    public async Task ObjectionsOpenPast20Days_AreOverdue_ListedAndCountedInFeedHealth()
    {
        var firm = await FirmPayingTaxAsync(25_000m);
        var old = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, Batches.Month(3), "Old complaint")
        );
        var recent = await firm.Client.Objections.FileAsync(
            firm.Created.Id,
            new FileObjectionBody(FeedType.Tax, Batches.Month(4), "New complaint")
        );
        await Sql.ExecuteAsync(
            "UPDATE financematch.objections SET created_at = now() - interval '21 days' WHERE id = $1",
            old.Id
        );
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                @operator.Objections.ResolveAsync(
                    recent.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, "Not overdue yet")
                )
        );

        var overdue = await @operator.Objections.ListAsync(overdue: true, pageSize: 500);

        Assert.That(overdue.Items.Select(o => o.Id), Does.Contain(old.Id).And.Not.Contain(recent.Id));
        Assert.That(
            overdue.Items.All(o => o.Overdue && o.Status == ObjectionStatus.Open),
            Is.True,
            "only open objections past 20 days"
        );
        Assert.That((await firm.Client.Objections.GetAsync(old.Id)).Overdue, Is.True);
        var feed = (await @operator.Statistics.GetFeedsAsync()).Feeds.Single(f =>
            f.DepartmentId == old.DepartmentId && f.FeedType == FeedType.Tax
        );
        Assert.That((feed.OpenObjections, feed.OverdueObjections), Is.EqualTo((2L, 1L)));

        var decided = await @operator.Objections.ResolveAsync(
            old.Id,
            new ResolveObjectionBody(ObjectionOutcome.Rejected, "The record is right")
        );
        Assert.That(decided.ClosedBy, Is.EqualTo(ObjectionCloser.Operator));

        Assert.That(
            (await @operator.Objections.ListAsync(overdue: true, pageSize: 500)).Items.Select(o => o.Id),
            Does.Not.Contain(old.Id)
        );
        feed = (await @operator.Statistics.GetFeedsAsync()).Feeds.Single(f =>
            f.DepartmentId == old.DepartmentId && f.FeedType == FeedType.Tax
        );
        Assert.That((feed.OpenObjections, feed.OverdueObjections), Is.EqualTo((1L, 0L)));

        // A promise of the corrected record is due in 20 days too: never pushed, the objection is overdue again.
        await Sql.ExecuteAsync(
            "UPDATE financematch.objections SET correction_promised_at = now() - interval '21 days' WHERE id = $1",
            recent.Id
        );
        Assert.That(
            (await @operator.Objections.ListAsync(overdue: true, pageSize: 500)).Items.Select(o => o.Id),
            Does.Contain(recent.Id),
            "a corrected answer whose record never came is overdue"
        );
        Assert.That(
            (
                await @operator.Objections.ResolveAsync(
                    recent.Id,
                    new ResolveObjectionBody(ObjectionOutcome.Rejected, "The record never came")
                )
            ).ClosedBy,
            Is.EqualTo(ObjectionCloser.Operator)
        );
    }

    /// <summary>A bank the firm consented to, so it can read the firm's report.</summary>
    private static async Task<Actors.Party<CreatedInstitution>> ReaderOfAsync(Actors.Party<RegisteredEnterprise> firm)
    {
        var bank = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [ConsentScope.Profile, ConsentScope.Tax],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        return bank;
    }

    private static async Task<string[]> DisputedTaxMonthsAsync(
        Actors.Party<CreatedInstitution> bank,
        Actors.Party<RegisteredEnterprise> firm
    ) =>
        (await bank.Client.Consents.GetReportAsync(firm.Created.Id))
            .Records.Tax!.Where(r => r.Disputed)
            .Select(r => r.RecordKey)
            .ToArray();
}
