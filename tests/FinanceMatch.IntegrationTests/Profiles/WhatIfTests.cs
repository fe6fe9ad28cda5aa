using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Profiles;

/// <summary>The what-if simulator: the firm's score with changed inputs, and the products that would then match.</summary>
public sealed class WhatIfTests
{
    private static async Task<(Actors.Party<RegisteredEnterprise> Firm, ProfileDto Profile)> FirmWithProfileAsync()
    {
        var firm = await Support.Marketplace.FirmPayingTaxAsync(10_000m);
        ProfileDto? profile = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
                    return profile.Rated;
                }
                catch (Refit.ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20),
            "the firm's profile was not built"
        );
        return (firm, profile!);
    }

    [Test]
    public async Task MoreTaxPaid_RaisesTheScoreByExactlyTheTaxFactor_AndOpensAProductThatAsksForIt()
    {
        var (firm, profile) = await FirmWithProfileAsync();
        var band = Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        var demanding = await Support.Marketplace.PublishedAsync(
            bank.Client,
            Support.Marketplace.Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 1_000_000m))
        );
        var ask = Support.Marketplace.Request(band);

        var whatIf = await firm.Client.Profiles.WhatIfAsync(
            firm.Created.Id,
            new ProfileWhatIfBody(
                TaxPaidLast12Months: 2_000_000m,
                Ask: new WhatIfAskBody(ask.Amount, ask.TermMonths, ask.GuaranteeTypes)
            )
        );

        Assert.That(
            (whatIf.Score, whatIf.Grade),
            Is.EqualTo((profile.Score, profile.Grade)),
            "now: the stored profile"
        );
        var tax = whatIf.Factors.Single(f => f.Code == "taxPaidLast12Months");
        Assert.That((tax.Value, tax.WhatIfValue), Is.EqualTo(((double?)120_000, (double?)2_000_000)));
        Assert.That(tax.WhatIfImpact, Is.GreaterThan(tax.Impact));
        Assert.That(
            whatIf.Factors.Where(f => f.Code != "taxPaidLast12Months").All(f => f.Impact == f.WhatIfImpact),
            Is.True,
            "only the changed input moves"
        );
        Assert.That(
            whatIf.WhatIfScore,
            Is.EqualTo(whatIf.Score + tax.WhatIfImpact - tax.Impact).Within(1),
            "each impact is rounded to a point on its own"
        );
        Assert.That(whatIf.ProductsNow!.Select(p => p.ProductId), Does.Not.Contain(demanding.Id));
        Assert.That(whatIf.ProductsThen!.Select(p => p.ProductId), Does.Contain(demanding.Id));
    }

    [Test]
    public async Task ClearingArrears_AndOtherInputs_WithoutAnAsk_ScoreOnly_AndNothingIsWritten()
    {
        var (firm, profile) = await FirmWithProfileAsync();

        var whatIf = await firm.Client.Profiles.WhatIfAsync(
            firm.Created.Id,
            new ProfileWhatIfBody(InsuredEmployeesLatest: 40, ClearArrears: true)
        );

        Assert.That((whatIf.ProductsNow, whatIf.ProductsThen), Is.EqualTo(((object?)null, (object?)null)));
        Assert.That(whatIf.Factors.Single(f => f.Code == "insuredEmployeesLatest").WhatIfValue, Is.EqualTo(40));
        Assert.That(whatIf.WhatIfScore, Is.GreaterThanOrEqualTo(whatIf.Score!.Value), "more is never worse: monotone");
        // The stored profile is as it was: a background rebuild may recompute it from the same data (a later
        // computedAt), but nothing of the what-if's inputs reaches it.
        var after = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(
            (after.Score, after.Grade, after.Metrics.InsuredEmployeesLatest),
            Is.EqualTo((profile.Score, profile.Grade, profile.Metrics.InsuredEmployeesLatest))
        );
        Assert.That(after.Metrics.InsuredEmployeesLatest, Is.Not.EqualTo(40));
    }

    [Test]
    public async Task OnlyTheFirm_Simulates_AndNonsenseIs400()
    {
        var (firm, _) = await FirmWithProfileAsync();
        var otherFirm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var body = new ProfileWhatIfBody(TaxPaidLast12Months: 1_000_000m);

        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherFirm.Client.Profiles.WhatIfAsync(firm.Created.Id, body)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Profiles.WhatIfAsync(firm.Created.Id, body)
        );
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => @operator.Profiles.WhatIfAsync(firm.Created.Id, body)
        );
        await Problems.ExpectFieldErrorAsync(
            "taxPaidLast12Months",
            () => firm.Client.Profiles.WhatIfAsync(firm.Created.Id, new ProfileWhatIfBody(TaxPaidLast12Months: -1m))
        );
        await Problems.ExpectFieldErrorAsync(
            "ask.termMonths",
            () =>
                firm.Client.Profiles.WhatIfAsync(
                    firm.Created.Id,
                    new ProfileWhatIfBody(Ask: new WhatIfAskBody(100_000m, 0, [GuaranteeType.Credit]))
                )
        );
    }
}
