using System.Net;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Policies;

/// <summary>Departments' lists: uploaded through the feed pipeline, seen by whom they are shared with, used by products.</summary>
public sealed class ListTests
{
    private static CreateListBody ListBody(
        string name = "Cultivation pool",
        ListKind kind = ListKind.CultivationPool,
        bool allBanks = false,
        IReadOnlyList<Guid>? sharedWith = null
    ) => new(name, kind, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), null, null, null, allBanks, sharedWith);

    private static async Task<BatchDto> UploadAsync(
        FinanceMatchClient department,
        Guid listId,
        string body,
        string contentType,
        ListUploadMode? mode = null
    )
    {
        var batch = await department.Lists.UploadMembersAsync(listId, Batches.Body(body, contentType), mode);
        Assert.That(batch.FeedType, Is.EqualTo(FeedType.ListMembers));
        Assert.That(batch.ListId, Is.EqualTo(listId));
        return await Batches.FinishedAsync(department, batch.Id);
    }

    private static async Task<string[]> MembersAsync(FinanceMatchClient client, Guid listId) =>
        (await client.Lists.MembersAsync(listId, pageSize: 200)).Items.Select(m => m.Uscc).Order().ToArray();

    [Test]
    public async Task Members_AreAppendedAndReplaced_ThroughTheFeedPipeline_WithRowRejects()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var list = await department.Client.Lists.CreateAsync(ListBody());
        Assert.That(list.DepartmentId, Is.EqualTo(department.Created.Id));
        Assert.That(list.Valid, Is.True);
        string a = Usccs.Next(),
            b = Usccs.Next(),
            c = Usccs.Next(),
            d = Usccs.Next();

        var first = await UploadAsync(
            department.Client,
            list.Id,
            $"uscc\n{a}\n{b}\nnot-a-uscc\n{c}\n{a}\n",
            Batches.Csv
        );
        Assert.That(first.Status, Is.EqualTo(BatchStatus.CompletedWithErrors));
        Assert.That((first.AcceptedRows, first.RejectedRows), Is.EqualTo((4, 1)));
        var errors = await department.Client.Feeds.GetBatchErrorsAsync(first.Id);
        Assert.That(errors.Items.Single().RowNumber, Is.EqualTo(3));
        Assert.That(await MembersAsync(department.Client, list.Id), Is.EqualTo(new[] { a, b, c }.Order()));
        Assert.That((await department.Client.Lists.GetAsync(list.Id)).MemberCount, Is.EqualTo(3));

        await UploadAsync(department.Client, list.Id, $"{{\"uscc\":\"{d}\"}}\n", Batches.Ndjson, ListUploadMode.Append);
        Assert.That(await MembersAsync(department.Client, list.Id), Has.Length.EqualTo(4));

        var replaced = await UploadAsync(
            department.Client,
            list.Id,
            $"[{{\"uscc\":\"{b}\"}},{{\"uscc\":\"{d}\"}}]",
            Batches.Json,
            ListUploadMode.Replace
        );
        Assert.That(replaced.Status, Is.EqualTo(BatchStatus.Completed));
        Assert.That(await MembersAsync(department.Client, list.Id), Is.EqualTo(new[] { b, d }.Order()));
        Assert.That((await department.Client.Lists.GetAsync(list.Id)).MemberCount, Is.EqualTo(2));

        // A replace whose every row is wrong leaves the list as it was: a broken file does not empty it.
        var broken = await UploadAsync(department.Client, list.Id, "uscc\nnope\n", Batches.Csv, ListUploadMode.Replace);
        Assert.That(broken.AcceptedRows, Is.Zero);
        Assert.That(await MembersAsync(department.Client, list.Id), Is.EqualTo(new[] { b, d }.Order()));
    }

    [Test]
    public async Task OnlyItsDepartmentAndOperators_KeepAList_AndOnlyTheBanksItIsSharedWith_SeeIt()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var sharedBank = await Actors.BankAsync();
        var otherBank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var list = await department.Client.Lists.CreateAsync(
            ListBody(kind: ListKind.KeyFirms, sharedWith: [sharedBank.Created.Id])
        );
        await UploadAsync(department.Client, list.Id, $"uscc\n{firm.Created.Uscc}\n", Batches.Csv);

        Assert.That(
            await Problems.StatusOfAsync(() => other.Client.Lists.GetAsync(list.Id)),
            Is.EqualTo(HttpStatusCode.NotFound)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Lists.UploadMembersAsync(list.Id, Batches.Body("uscc\n", Batches.Csv))
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBank.Client.Lists.GetAsync(list.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBank.Client.Lists.SubscribeAsync(list.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherBank.Client.Lists.MembersAsync(list.Id));
        Assert.That(
            (await otherBank.Client.Lists.ListAsync(pageSize: 200)).Items.Select(l => l.Id),
            Does.Not.Contain(list.Id)
        );
        Assert.That(
            (await other.Client.Lists.ListAsync(pageSize: 200)).Items.Select(l => l.Id),
            Does.Not.Contain(list.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Lists.ListAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Lists.GetAsync(list.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => sharedBank.Client.Lists.UploadMembersAsync(list.Id, Batches.Body("uscc\n", Batches.Csv))
        );
        // Members are uploaded to the list, never pushed as a feed of records.
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => Batches.PushAsync(department.Client, FeedType.ListMembers, "uscc\n", Batches.Csv)
        );

        // The bank it is shared with sees the list, not whom else it is shared with, nor members that did not consent to it.
        var seen = await sharedBank.Client.Lists.GetAsync(list.Id);
        Assert.That((seen.MemberCount, seen.SharedWith.Count, seen.Subscribed), Is.EqualTo((1, 0, false)));
        Assert.That(await MembersAsync(sharedBank.Client, list.Id), Is.Empty);
        Assert.That(
            (await department.Client.Lists.GetAsync(list.Id)).SharedWith,
            Is.EqualTo(new[] { sharedBank.Created.Id })
        );

        var @operator = await TestRun.OperatorAsync();
        Assert.That(await MembersAsync(@operator, list.Id), Is.EqualTo(new[] { firm.Created.Uscc }));
        await Problems.ExpectFieldErrorAsync(
            "departmentId",
            () => @operator.Lists.CreateAsync(ListBody()),
            HttpStatusCode.UnprocessableEntity
        );
        var forDepartment = await @operator.Lists.CreateAsync(ListBody() with { DepartmentId = department.Created.Id });
        Assert.That(forDepartment.DepartmentId, Is.EqualTo(department.Created.Id));
        await Problems.ExpectFieldErrorAsync(
            "validTo",
            () => department.Client.Lists.CreateAsync(ListBody() with { ValidTo = new DateOnly(2000, 1, 1) })
        );
        await Problems.ExpectFieldErrorAsync(
            "sharedWith",
            () => department.Client.Lists.CreateAsync(ListBody(sharedWith: [Guid.NewGuid()])),
            HttpStatusCode.UnprocessableEntity
        );
    }

    [Test]
    public async Task ASubscribedBank_IsToldOfNewMembers_ThatConsentedToIt_AndOfNoOthers()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var webhook = await bank.Client.Webhooks.RegisterAsync(
            new RegisterWebhookBody(
                "http://127.0.0.1:9/hook",
                [WebhookEvent.ListMembersAdded],
                "list-secret-0123456789"
            )
        );
        var list = await department.Client.Lists.CreateAsync(ListBody(kind: ListKind.Specialised, allBanks: true));
        Assert.That((await bank.Client.Lists.SubscribeAsync(list.Id)).Subscribed, Is.True);
        Assert.That(
            (await bank.Client.Lists.SubscribeAsync(list.Id)).Subscribed,
            Is.True,
            "subscribing twice is harmless"
        );

        var consenting = await Actors.EnterpriseAsync();
        await consenting.Client.Consents.GrantAsync(
            consenting.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [ConsentScope.Profile],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        var silent = await Actors.EnterpriseAsync();
        var batch = await UploadAsync(
            department.Client,
            list.Id,
            $"uscc\n{consenting.Created.Uscc}\n{silent.Created.Uscc}\n",
            Batches.Csv
        );

        var payloads = await Sql.QueryAsync(
            "SELECT payload FROM financematch.webhook_deliveries WHERE webhook_id = $1 AND event_type = 'ListMembersAdded'",
            r => r.GetString(0),
            webhook.Id
        );
        Assert.That(payloads, Has.Count.EqualTo(1));
        Assert.That(payloads[0], Does.Contain(consenting.Created.Id.ToString()).And.Contain("\"listMembersAdded\""));
        Assert.That(payloads[0], Does.Not.Contain(silent.Created.Id.ToString()).And.Not.Contain(silent.Created.Uscc));
        Assert.That(
            (await bank.Client.Lists.MembersAsync(list.Id)).Items.Select(m => m.EnterpriseId),
            Is.EqualTo(new Guid?[] { consenting.Created.Id })
        );

        // Listing the same firms again tells nobody anything; after unsubscribing, new members are not sent either.
        await UploadAsync(department.Client, list.Id, $"uscc\n{consenting.Created.Uscc}\n", Batches.Csv);
        await bank.Client.Lists.UnsubscribeAsync(list.Id);
        var late = await Actors.EnterpriseAsync();
        await late.Client.Consents.GrantAsync(
            late.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [ConsentScope.Profile],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        await UploadAsync(department.Client, list.Id, $"uscc\n{late.Created.Uscc}\n", Batches.Csv);
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.webhook_deliveries WHERE webhook_id = $1",
                webhook.Id
            ),
            Is.EqualTo(1),
            $"batch {batch.Id} alone told the bank"
        );
    }

    [Test]
    public async Task AProduct_TargetsAList_AndDiscountsItsRate_AndMatchingUsesBoth()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var rival = await Actors.BankAsync();
        var list = await department.Client.Lists.CreateAsync(ListBody(kind: ListKind.CultivationPool, allBanks: true));
        var listed = await Actors.EnterpriseAsync();
        var unlisted = await Actors.EnterpriseAsync();
        await UploadAsync(department.Client, list.Id, $"uscc\n{listed.Created.Uscc}\n", Batches.Csv);

        // A pool-only product, and an open one discounted by 2 points for the pool, against a rival at 4%.
        var band = Band();
        var poolOnly = await PublishedAsync(
            bank.Client,
            Product(band, name: "Pool loan", eligibility: new EligibilityDto(Lists: [list.Id]))
        );
        Assert.That(poolOnly.Eligibility.Lists, Is.EqualTo(new[] { list.Id }));
        var otherBand = Band();
        var discounted = await PublishedAsync(
            bank.Client,
            Product(otherBand, name: "Discounted", minRate: 5.5m) with
            {
                ListTerms = new ListTermsDto([list.Id], 2m),
            }
        );
        Assert.That(
            discounted.ListTerms,
            Is.EqualTo(new ListTermsDto([list.Id], 2m))
                .Using<ListTermsDto>((x, y) => x.RateDiscount == y.RateDiscount && x.Lists.SequenceEqual(y.Lists))
        );
        await PublishedAsync(rival.Client, Product(otherBand, name: "Rival", minRate: 4m));

        var listedRequest = await MatchedAsync(listed.Client, Request(band));
        Assert.That(listedRequest.Matches.Single().ProductId, Is.EqualTo(poolOnly.Id));
        Assert.That(listedRequest.Matches.Single().Reasons.Single(r => r.Rule == "lists").Passed, Is.True);
        var unlistedRequest = await MatchedAsync(unlisted.Client, Request(band));
        Assert.That(unlistedRequest.Status, Is.EqualTo(LoanRequestStatus.NoMatch));
        var miss = (await unlisted.Client.LoanRequests.GetNearMissesAsync(unlistedRequest.Id)).Items.Single(n =>
            n.ProductId == poolOnly.Id
        );
        Assert.That(miss.FailedRules.Select(r => r.Rule), Is.EqualTo(new[] { "lists" }));

        // Listed, the discounted product costs 3.5% and outranks the rival; asked for at most 4.5%, only it passes.
        var listedDiscount = await MatchedAsync(listed.Client, Request(otherBand));
        Assert.That(listedDiscount.Matches.OrderBy(m => m.Rank).First().ProductId, Is.EqualTo(discounted.Id));
        var reason = listedDiscount
            .Matches.Single(m => m.ProductId == discounted.Id)
            .Reasons.Single(r => r.Rule == "listRateDiscount");
        Assert.That(reason.Actual, Does.Contain("3.5"));
        var unlistedDiscount = await MatchedAsync(unlisted.Client, Request(otherBand));
        Assert.That(unlistedDiscount.Matches.OrderBy(m => m.Rank).First().InstitutionId, Is.EqualTo(rival.Created.Id));
        Assert.That(
            unlistedDiscount.Matches.Single(m => m.ProductId == discounted.Id).Reasons.Select(r => r.Rule),
            Does.Not.Contain("listRateDiscount")
        );
        var capped = await MatchedAsync(listed.Client, Request(otherBand, maxAnnualRate: 3.6m));
        Assert.That(capped.Matches.Select(m => m.ProductId), Is.EqualTo(new[] { discounted.Id }));

        // A bank can only target the lists shared with it.
        var privateList = await department.Client.Lists.CreateAsync(ListBody(sharedWith: [rival.Created.Id]));
        await Problems.ExpectFieldErrorAsync(
            "eligibility.lists",
            () =>
                bank.Client.Products.CreateAsync(
                    Product(Band(), eligibility: new EligibilityDto(Lists: [privateList.Id]))
                ),
            HttpStatusCode.UnprocessableEntity
        );
        await Problems.ExpectFieldErrorAsync(
            "listTerms.rateDiscount",
            () =>
                bank.Client.Products.CreateAsync(
                    Product(Band(), minRate: 4m) with
                    {
                        ListTerms = new ListTermsDto([list.Id], 4m),
                    }
                )
        );
    }
}
