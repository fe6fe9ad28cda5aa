using System.Globalization;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Products, loan requests and matches for tests that run side by side on one database.</summary>
public static class Marketplace
{
    /// <summary>
    /// Every published product is matched against every request, so each test lends in an amount band of its own
    /// (1–90 billion yuan, 100,000 apart) where no other test's products reach.
    /// </summary>
    public static decimal Band() => 1_000_000_000m + Random.Shared.Next(1, 900_000) * 100_000m;

    public static ProductBody Product(
        decimal band,
        string name = "Tax-based credit loan",
        decimal minRate = 4m,
        IReadOnlyList<GuaranteeType>? guaranteeTypes = null,
        EligibilityDto? eligibility = null,
        IReadOnlyList<string>? divisions = null,
        IndustryPrefixes? industries = null,
        IReadOnlyList<string>? tags = null
    ) =>
        new(
            name,
            "Unsecured working-capital loan sized from tax paid",
            band,
            band + 50_000m,
            6,
            36,
            minRate,
            minRate + 2m,
            guaranteeTypes ?? [GuaranteeType.Credit],
            divisions ?? ["44"],
            industries,
            eligibility ?? new EligibilityDto(),
            tags ?? ["tax"]
        );

    public static SubmitLoanRequestBody Request(
        decimal band,
        int termMonths = 24,
        IReadOnlyList<GuaranteeType>? guaranteeTypes = null,
        decimal? maxAnnualRate = null
    ) =>
        new(
            band + 25_000m,
            termMonths,
            "Working capital for a new production line",
            guaranteeTypes ?? [GuaranteeType.Credit],
            new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(90)),
            maxAnnualRate
        );

    public static async Task<ProductDto> PublishedAsync(FinanceMatchClient bank, ProductBody product)
    {
        var created = await bank.Products.CreateAsync(product);
        return await bank.Products.PublishAsync(created.Id);
    }

    /// <summary>Posts a request and waits for the matching job to settle it.</summary>
    public static async Task<LoanRequestDto> MatchedAsync(FinanceMatchClient firm, SubmitLoanRequestBody request)
    {
        var submitted = await firm.LoanRequests.SubmitAsync(request);
        Assert.That(submitted.Status, Is.EqualTo(LoanRequestStatus.Matching));
        LoanRequestDto? settled = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                settled = await firm.LoanRequests.GetAsync(submitted.Id);
                return settled.Status != LoanRequestStatus.Matching;
            },
            TimeSpan.FromSeconds(20),
            $"loan request {submitted.Id} was not matched"
        );
        return settled!;
    }

    /// <summary>
    /// A registered firm whose tax department (its own, unless given: the department that supplies a record is the only
    /// one that may change it) reported the given monthly tax for the last 12 whole months.
    /// </summary>
    public static async Task<Actors.Party<RegisteredEnterprise>> FirmPayingTaxAsync(
        decimal monthlyTax,
        RegisterEnterpriseBody? registration = null,
        Actors.Party<CreatedDepartment>? taxDepartment = null
    )
    {
        var uscc = registration?.Uscc ?? Usccs.Next();
        var department = taxDepartment ?? await Actors.DepartmentAsync(FeedType.Tax);
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var m = 1; m <= 12; m++)
            csv.Append(CultureInfo.InvariantCulture, $"{uscc},{Batches.Month(m)},{monthlyTax},{monthlyTax * 20}\n");
        await Batches.FinishedAsync(
            department.Client,
            (await Batches.PushAsync(department.Client, FeedType.Tax, csv.ToString(), Batches.Csv)).Id
        );
        return await Actors.EnterpriseAsync(registration ?? Actors.EnterpriseRequest(uscc));
    }

    /// <summary>A firm's request matched to the given banks' products (one each), in the test's own band.</summary>
    public static async Task<(Actors.Party<RegisteredEnterprise> Firm, LoanRequestDto Request)> MatchedRequestAsync(
        params Actors.Party<CreatedInstitution>[] banks
    )
    {
        var band = Band();
        foreach (var bank in banks)
            await PublishedAsync(bank.Client, Product(band));
        var firm = await Actors.EnterpriseAsync();
        var request = await MatchedAsync(firm.Client, Request(band));
        Assert.That(request.Matches, Has.Count.EqualTo(banks.Length));
        return (firm, request);
    }

    public static MatchDto MatchOf(LoanRequestDto request, Actors.Party<CreatedInstitution> bank) =>
        request.Matches.Single(m => m.InstitutionId == bank.Created.Id);
}
