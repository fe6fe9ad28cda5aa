using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Marketplace;

/// <summary>A firm applies to one product it chose: checked against that product's rules at once, matched with it alone.</summary>
public sealed class ApplyToProductTests
{
    [Test]
    public async Task ApplyingToAProduct_MatchesTheRequestWithThatProductAlone()
    {
        var band = Support.Marketplace.Band();
        var chosenBank = await Actors.BankAsync();
        var otherBank = await Actors.BankAsync();
        var chosen = await Support.Marketplace.PublishedAsync(
            chosenBank.Client,
            Support.Marketplace.Product(band, minRate: 5m)
        );
        await Support.Marketplace.PublishedAsync(otherBank.Client, Support.Marketplace.Product(band, minRate: 3.5m));
        var firm = await Actors.EnterpriseAsync();

        var request = await Support.Marketplace.MatchedAsync(
            firm.Client,
            Support.Marketplace.Request(band) with
            {
                ProductId = chosen.Id,
            }
        );

        Assert.That(request.ProductId, Is.EqualTo(chosen.Id));
        Assert.That(request.Status, Is.EqualTo(LoanRequestStatus.Matched));
        Assert.That(
            request.Matches.Select(m => (m.ProductId, m.InstitutionId)),
            Is.EqualTo(new[] { (chosen.Id, chosenBank.Created.Id) }),
            "the cheaper product of the other bank is not offered: the firm chose"
        );
        Assert.That((await otherBank.Client.Matches.ListAsync()).Items, Is.Empty);
    }

    [Test]
    public async Task ApplyingToAProductTheFirmFails_Is422NamingEachFailedRule_AndWritesNothing()
    {
        var band = Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        var product = await Support.Marketplace.PublishedAsync(
            bank.Client,
            Support.Marketplace.Product(band, eligibility: new EligibilityDto(MinGrade: "AA"))
        );
        var firm = await Actors.EnterpriseAsync();

        var problem = await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                firm.Client.LoanRequests.SubmitAsync(
                    Support.Marketplace.Request(band, termMonths: 48) with
                    {
                        ProductId = product.Id,
                    }
                )
        );

        var errors = problem.GetProperty("errors");
        Assert.That(
            errors.EnumerateObject().Select(e => e.Name),
            Is.EquivalentTo(new[] { "termMonths", "minGrade" }),
            problem.ToString()
        );
        Assert.That(errors.GetProperty("minGrade")[0].GetString(), Does.Contain("AA or better").And.Contain("unrated"));
        Assert.That((await firm.Client.LoanRequests.ListAsync()).Items, Is.Empty, "no request, no consent written");
        Assert.That((await firm.Client.Consents.ListAsync(firm.Created.Id)).Items, Is.Empty);
    }

    [Test]
    public async Task OnlyAPublishedProduct_CanBeAppliedTo()
    {
        var band = Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        var draft = await bank.Client.Products.CreateAsync(Support.Marketplace.Product(band));
        var withdrawn = await Support.Marketplace.PublishedAsync(bank.Client, Support.Marketplace.Product(band));
        await bank.Client.Products.WithdrawAsync(withdrawn.Id);
        var firm = await Actors.EnterpriseAsync();

        foreach (var id in new[] { draft.Id, withdrawn.Id, Guid.NewGuid() })
            await Problems.ExpectAsync(
                HttpStatusCode.NotFound,
                () => firm.Client.LoanRequests.SubmitAsync(Support.Marketplace.Request(band) with { ProductId = id })
            );
        Assert.That((await firm.Client.LoanRequests.ListAsync()).Items, Is.Empty);
    }
}
