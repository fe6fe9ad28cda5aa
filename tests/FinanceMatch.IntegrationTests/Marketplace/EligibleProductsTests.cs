using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Marketplace;

/// <summary>"What do I qualify for?": the published products a firm passes now, best fit first, without posting a request.</summary>
public sealed class EligibleProductsTests
{
    [Test]
    public async Task ForALoan_TheFirmSeesTheProductsItPasses_RankedAndScoredAsTheMatchingRunWould()
    {
        var band = Support.Marketplace.Band();
        var cheap = await Actors.BankAsync();
        var dear = await Actors.BankAsync();
        var strict = await Actors.BankAsync();
        var cheaper = await Support.Marketplace.PublishedAsync(
            cheap.Client,
            Support.Marketplace.Product(band, minRate: 3.6m)
        );
        var dearer = await Support.Marketplace.PublishedAsync(
            dear.Client,
            Support.Marketplace.Product(band, minRate: 7m)
        );
        var tooStrict = await Support.Marketplace.PublishedAsync(
            strict.Client,
            Support.Marketplace.Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 10_000_000m))
        );
        var draft = await cheap.Client.Products.CreateAsync(Support.Marketplace.Product(band, minRate: 3m));
        var firm = await Support.Marketplace.FirmPayingTaxAsync(10_000m);
        var ask = Support.Marketplace.Request(band);

        var eligible = await firm.Client.Products.ListEligibleAsync(ask.Amount, ask.TermMonths, "credit");

        Assert.That(eligible.Items.Select(p => p.Id), Is.EqualTo(new[] { cheaper.Id, dearer.Id }));
        Assert.That(eligible.TotalCount, Is.EqualTo(2));
        var pastTheEnd = await firm.Client.Products.ListEligibleAsync(ask.Amount, ask.TermMonths, "credit", page: 3);
        Assert.That(
            (pastTheEnd.Items.Count, pastTheEnd.TotalCount),
            Is.EqualTo((0, 2L)),
            "a page past the end still counts"
        );
        Assert.That(eligible.Items.Select(p => p.Id), Does.Not.Contain(tooStrict.Id).And.Not.Contain(draft.Id));
        // The matching run scores the same products the same.
        var request = await Support.Marketplace.MatchedAsync(firm.Client, ask);
        Assert.That(
            request.Matches.OrderBy(m => m.Rank).Select(m => (m.ProductId, m.FitScore)),
            Is.EqualTo(eligible.Items.Select(p => (p.Id, p.FitScore!.Value)))
        );
    }

    [Test]
    public async Task WithoutALoan_TheFirmsOwnRulesDecide_AndEveryPageIsItsOwn()
    {
        var band = Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        var open = await Support.Marketplace.PublishedAsync(bank.Client, Support.Marketplace.Product(band));
        var tooStrict = await Support.Marketplace.PublishedAsync(
            bank.Client,
            Support.Marketplace.Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 10_000_000m))
        );
        var firm = await Support.Marketplace.FirmPayingTaxAsync(10_000m);

        var seen = new List<ProductDto>();
        for (var page = 1; ; page++)
        {
            var items = (await firm.Client.Products.ListEligibleAsync(page: page, pageSize: 100)).Items;
            seen.AddRange(items);
            if (items.Count < 100)
                break;
        }

        Assert.That(seen.Select(p => p.Id), Does.Contain(open.Id).And.Not.Contain(tooStrict.Id));
        Assert.That(seen.Select(p => p.Id), Is.Unique);
        Assert.That(seen.Select(p => p.FitScore!.Value), Is.Ordered.Descending);
        Assert.That(seen.All(p => p.FitScore <= 60), Is.True, "without a loan: price (40) and eligibility margin (20)");
    }

    [Test]
    public async Task OnlyAFirm_AsksWhatItQualifiesFor_AndAHalfAskIs400()
    {
        var bank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();

        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Products.ListEligibleAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => TestRun.Anonymous().Products.ListEligibleAsync());
        await Problems.ExpectFieldErrorAsync(
            "amount",
            () => firm.Client.Products.ListEligibleAsync(amount: 100_000m, termMonths: 12)
        );
        await Problems.ExpectFieldErrorAsync(
            "guaranteeType",
            () => firm.Client.Products.ListEligibleAsync(100_000m, 12, "gold")
        );
        using var http = TestRun.Http();
        await Problems.ExpectRawAsync(
            HttpStatusCode.BadRequest,
            await http.GetAsync(new Uri("/api/v1/products?eligibleFor=you", UriKind.Relative))
        );
    }
}
