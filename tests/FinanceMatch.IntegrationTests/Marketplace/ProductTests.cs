using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Marketplace;

public sealed class ProductTests
{
    [Test]
    public async Task Create_IsADraft_SeenOnlyByItsBankAndOperators()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();

        var draft = await bank.Client.Products.CreateAsync(Product(Band()));

        Assert.That(
            (draft.Status, draft.Version, draft.InstitutionId),
            Is.EqualTo((ProductStatus.Draft, 1, bank.Created.Id))
        );
        Assert.That(
            draft.Eligibility.ExcludeDishonestDebtors,
            Is.True,
            "dishonest debtors are excluded unless a product says otherwise"
        );
        Assert.That((await bank.Client.Products.GetAsync(draft.Id)).Id, Is.EqualTo(draft.Id));
        Assert.That((await (await TestRun.OperatorAsync()).Products.GetAsync(draft.Id)).Id, Is.EqualTo(draft.Id));
        Assert.That(
            (await bank.Client.Products.ListMineAsync(status: "draft")).Items.Select(p => p.Id),
            Does.Contain(draft.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => TestRun.Anonymous().Products.GetAsync(draft.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Products.GetAsync(draft.Id));
        Assert.That((await TestRun.Anonymous().Products.ListAsync(institutionId: bank.Created.Id)).TotalCount, Is.Zero);
    }

    [Test]
    public async Task Publish_PutsItInThePublicCatalogue_WhichFilters()
    {
        var bank = await Actors.BankAsync();
        var band = Band();
        var tag = Actors.UniqueCode("tag").ToLowerInvariant();
        var credit = await PublishedAsync(bank.Client, Product(band, "Credit", tags: [tag]));
        var pledge = await PublishedAsync(
            bank.Client,
            Product(band, "Pledge", minRate: 5m, guaranteeTypes: [GuaranteeType.Pledge], tags: [tag])
        );
        await bank.Client.Products.CreateAsync(Product(band, "Unpublished draft", tags: [tag]));
        var catalogue = TestRun.Anonymous().Products;

        var all = await catalogue.ListAsync(tag: tag);
        Assert.That(
            all.Items.Select(p => p.Id),
            Is.EqualTo(new[] { credit.Id, pledge.Id }),
            "published only, cheapest first"
        );
        Assert.That(
            (await catalogue.ListAsync(tag: tag, guaranteeType: "pledge")).Items.Single().Id,
            Is.EqualTo(pledge.Id)
        );
        Assert.That(
            (await catalogue.ListAsync(tag: tag, amount: band + 10_000m, termMonths: 12)).TotalCount,
            Is.EqualTo(2)
        );
        Assert.That((await catalogue.ListAsync(tag: tag, amount: band - 1m)).TotalCount, Is.Zero);
        Assert.That((await catalogue.ListAsync(tag: tag, termMonths: 48)).TotalCount, Is.Zero);
        Assert.That((await catalogue.ListAsync(institutionId: bank.Created.Id)).TotalCount, Is.EqualTo(2));
        Assert.That((await catalogue.GetAsync(credit.Id)).Status, Is.EqualTo(ProductStatus.Published));
    }

    [Test]
    public async Task Edit_MakesANewVersion_AndKeepsTheOldTerms()
    {
        var bank = await Actors.BankAsync();
        var band = Band();
        var product = await PublishedAsync(bank.Client, Product(band, minRate: 4m));

        var edited = await bank.Client.Products.UpdateAsync(product.Id, Product(band, "Renamed", minRate: 3.8m));

        Assert.That(
            (edited.Version, edited.Name, edited.MinAnnualRate, edited.Status),
            Is.EqualTo((2, "Renamed", 3.8m, ProductStatus.Published))
        );
        var first = await TestRun.Anonymous().Products.GetVersionAsync(product.Id, 1);
        var second = await TestRun.Anonymous().Products.GetVersionAsync(product.Id, 2);
        Assert.That((first.Name, first.MinAnnualRate), Is.EqualTo(("Tax-based credit loan", 4m)));
        Assert.That((second.Name, second.MinAnnualRate), Is.EqualTo(("Renamed", 3.8m)));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => TestRun.Anonymous().Products.GetVersionAsync(product.Id, 3)
        );
    }

    [Test]
    public async Task Withdraw_TakesItOut_AndIllegalMovesAre409()
    {
        var bank = await Actors.BankAsync();
        var product = await PublishedAsync(bank.Client, Product(Band()));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Products.PublishAsync(product.Id));

        var withdrawn = await bank.Client.Products.WithdrawAsync(product.Id);

        Assert.That(withdrawn.Status, Is.EqualTo(ProductStatus.Withdrawn));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Products.WithdrawAsync(product.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => TestRun.Anonymous().Products.GetAsync(product.Id));
        var draft = await bank.Client.Products.CreateAsync(Product(Band()));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Products.WithdrawAsync(draft.Id));
        Assert.That(
            (await bank.Client.Products.PublishAsync(product.Id)).Status,
            Is.EqualTo(ProductStatus.Published),
            "a withdrawn product may return"
        );
    }

    [Test]
    public async Task BadTerms_Are400_NamingTheField()
    {
        var bank = await Actors.BankAsync();
        var band = Band();
        await Problems.ExpectFieldErrorAsync(
            "maxAmount",
            () => bank.Client.Products.CreateAsync(Product(band) with { MaxAmount = band - 1 })
        );
        await Problems.ExpectFieldErrorAsync(
            "maxTermMonths",
            () => bank.Client.Products.CreateAsync(Product(band) with { MinTermMonths = 40 })
        );
        await Problems.ExpectFieldErrorAsync(
            "maxAnnualRate",
            () => bank.Client.Products.CreateAsync(Product(band) with { MaxAnnualRate = 1m })
        );
        await Problems.ExpectFieldErrorAsync(
            "minAnnualRate",
            () => bank.Client.Products.CreateAsync(Product(band) with { MinAnnualRate = 0m })
        );
        await Problems.ExpectFieldErrorAsync(
            "guaranteeTypes",
            () => bank.Client.Products.CreateAsync(Product(band) with { GuaranteeTypes = [] })
        );
        await Problems.ExpectFieldErrorAsync(
            "name",
            () => bank.Client.Products.CreateAsync(Product(band) with { Name = "" })
        );
        await Problems.ExpectFieldErrorAsync(
            "divisionPrefixes[0]",
            () => bank.Client.Products.CreateAsync(Product(band, divisions: ["4x"]))
        );
        await Problems.ExpectFieldErrorAsync(
            "industryPrefixes.exclude[0]",
            () => bank.Client.Products.CreateAsync(Product(band, industries: new IndustryPrefixes(["C"], ["Z99"])))
        );
        await Problems.ExpectFieldErrorAsync(
            "eligibility.minGrade",
            () => bank.Client.Products.CreateAsync(Product(band, eligibility: new EligibilityDto(MinGrade: "A+")))
        );
        await Problems.ExpectFieldErrorAsync(
            "eligibility.minScore",
            () => bank.Client.Products.CreateAsync(Product(band, eligibility: new EligibilityDto(MinScore: 1001)))
        );
        await Problems.ExpectFieldErrorAsync(
            "guaranteeType",
            () => TestRun.Anonymous().Products.ListAsync(guaranteeType: "bogus")
        );
        await Problems.ExpectFieldErrorAsync("pageSize", () => TestRun.Anonymous().Products.ListAsync(pageSize: 501));
        await Problems.ExpectFieldErrorAsync("status", () => bank.Client.Products.ListMineAsync(status: "bogus"));
        var raw = await bank.Client.Http.PostAsync(
            new Uri("/api/v1/products", UriKind.Relative),
            new StringContent(
                """{"name":"x","guaranteeTypes":["barter"]}""",
                System.Text.Encoding.UTF8,
                "application/json"
            )
        );
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, raw);
        Assert.That((await bank.Client.Products.ListMineAsync()).TotalCount, Is.Zero, "nothing half written");
    }

    [Test]
    public async Task OnlyTheOwningBank_ChangesAProduct()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var product = await bank.Client.Products.CreateAsync(Product(Band()));

        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Products.UpdateAsync(product.Id, Product(Band()))
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Products.PublishAsync(product.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Products.WithdrawAsync(product.Id));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Products.CreateAsync(Product(Band())));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Products.PublishAsync(product.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            async () => await (await TestRun.OperatorAsync()).Products.UpdateAsync(product.Id, Product(Band()))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Products.CreateAsync(Product(Band()))
        );
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Products.ListMineAsync());
        Assert.That((await bank.Client.Products.GetAsync(product.Id)).Version, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_WithTheSameIdempotencyKey_CreatesOnce()
    {
        var bank = await Actors.BankAsync();
        var body = Product(Band());
        var first = await bank.Client.Products.CreateAsync(body, "product-key-1");
        var again = await bank.Client.Products.CreateAsync(body, "product-key-1");
        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That((await bank.Client.Products.ListMineAsync()).TotalCount, Is.EqualTo(1));
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.Client.Products.CreateAsync(body with { Name = "Other" }, "product-key-1")
        );
    }
}
