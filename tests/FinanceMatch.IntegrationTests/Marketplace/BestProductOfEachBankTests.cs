using FinanceMatch.Api.Features.Products;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Matching;
using FinanceMatch.Core.Profiles;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;
using DomainGuaranteeType = FinanceMatch.Core.Products.GuaranteeType;

namespace FinanceMatch.IntegrationTests.Marketplace;

/// <summary>
/// The engine picks each bank's best product in SQL; <see cref="MatchRules"/> defines the rules and the fit score. Random
/// catalogues (the seed is in every failure message) must come out exactly as MatchRules ranks them.
/// </summary>
public sealed class BestProductOfEachBankTests
{
    private static readonly Client.Contracts.GuaranteeType[][] GuaranteeMixes =
    [
        [Client.Contracts.GuaranteeType.Credit],
        [Client.Contracts.GuaranteeType.Pledge],
        [Client.Contracts.GuaranteeType.Credit, Client.Contracts.GuaranteeType.Pledge],
        [Client.Contracts.GuaranteeType.Mortgage],
        [Client.Contracts.GuaranteeType.Pledge, Client.Contracts.GuaranteeType.Guarantee],
    ];

    [Test]
    public async Task TheSqlPicksEachBanksBestProduct_AndRanksBanks_ExactlyAsMatchRules()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var band = Band();
        var firm = await FirmPayingTaxAsync(30_000m);
        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(profile.Grade, Is.Not.Null, "the firm needs a grade for grade margins");
        // The firm is on one list of two: products may require either, or discount their rate for either.
        var department = await Actors.DepartmentAsync(Client.Contracts.FeedType.Tax);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Guid[] lists =
        [
            .. await Task.WhenAll(
                Enumerable
                    .Range(0, 2)
                    .Select(async _ =>
                        (
                            await department.Client.Lists.CreateAsync(
                                new CreateListBody("Pool", ListKind.CultivationPool, today, SharedWithAllBanks: true)
                            )
                        ).Id
                    )
            ),
        ];
        await Batches.FinishedAsync(
            department.Client,
            (
                await department.Client.Lists.UploadMembersAsync(
                    lists[0],
                    Batches.Body($"uscc\n{firm.Created.Uscc}\n", Batches.Csv)
                )
            ).Id
        );

        var catalogue = new List<(Guid Bank, ProductBody Request, ProductDto Published)>();
        for (var b = 0; b < 8; b++)
        {
            var bank = await Actors.BankAsync();
            for (var p = 0; p < 4; p++)
            {
                var request = RandomProduct(random, band, profile, lists);
                catalogue.Add((bank.Created.Id, request, await PublishedAsync(bank.Client, request)));
            }
        }
        var ask = Request(
            band,
            termMonths: 6 + random.Next(0, 31),
            guaranteeTypes: [Client.Contracts.GuaranteeType.Credit, Client.Contracts.GuaranteeType.Pledge]
        );

        var matched = await MatchedAsync(firm.Client, ask);

        var applicant = new Applicant(
            "440604",
            "C35",
            profile.Rated,
            profile.Grade,
            profile.Score,
            (today.DayNumber - Actors.EnterpriseRequest().EstablishedOn.DayNumber) / 365.25,
            profile.Metrics.TaxPaidLast12Months ?? 0,
            profile.Metrics.InsuredEmployeesLatest,
            false,
            null,
            today,
            [lists[0]]
        );
        var loanAsk = new LoanAsk(
            ask.Amount,
            ask.TermMonths,
            ask.GuaranteeTypes.Select(g => Enum.Parse<DomainGuaranteeType>(g.ToString())).ToList(),
            null
        );
        var expected = catalogue
            .Select(c => (c.Bank, c.Published, Terms: c.Request.ToTerms()))
            .Where(c => MatchRules.Evaluate(c.Terms, loanAsk, applicant).All(r => r.Passed))
            .Select(c => (c.Bank, c.Published, Fit: MatchRules.Fit(c.Terms, loanAsk, applicant).Total))
            .GroupBy(c => c.Bank)
            .Select(bank =>
                bank.OrderByDescending(c => c.Fit)
                    .ThenBy(c => c.Published.MinAnnualRate)
                    .ThenBy(c => c.Published.CreatedAt)
                    .First()
            )
            .OrderByDescending(c => c.Fit)
            .ThenBy(c => c.Published.MinAnnualRate)
            .ThenBy(c => c.Published.CreatedAt)
            .Select(c => (c.Published.Id, c.Fit))
            .ToList();
        Assert.That(expected, Is.Not.Empty, $"seed {seed}: the random catalogue should hold matching products");
        Assert.That(
            matched.Matches.OrderBy(m => m.Rank).Select(m => (m.ProductId, m.FitScore)),
            Is.EqualTo(expected),
            $"seed {seed}"
        );
    }

    /// <summary>
    /// A product in the test's band (so no other test's request reaches it) with random price, ranges, guarantee types
    /// and eligibility rules the firm mostly clears, so that the fit, not the rules, decides.
    /// </summary>
    private static ProductBody RandomProduct(Random random, decimal band, ProfileDto firm, Guid[] lists)
    {
        var minAmount = band + random.Next(0, 25_001);
        var maxAmount = band + 25_000m + random.Next(0, 75_000);
        var minTerm = random.Next(1, 25);
        var maxTerm = minTerm + random.Next(0, 48);
        var minRate = Math.Round(3m + (decimal)random.NextDouble() * 10m, 4);
        var tax = firm.Metrics.TaxPaidLast12Months ?? 0;
        var grades = ScoringModel.Newest.Grades.Select(g => g.Grade).ToArray();
        var eligibility = new EligibilityDto(
            MinGrade: random.Next(3) == 0
                ? null
                : grades[random.Next(Array.IndexOf(grades, firm.Grade), grades.Length)],
            MinScore: random.Next(3) == 0 || firm.Score is null ? null : random.Next(1, firm.Score.Value + 50),
            MinYearsInOperation: random.Next(3) == 0 ? null : Math.Round(random.NextDouble() * 12, 1),
            MinAnnualTaxPaid: random.Next(3) == 0 ? null : Math.Round(tax * (decimal)random.NextDouble() * 1.1m, 2),
            ExcludeDishonestDebtors: random.Next(2) == 0,
            Lists: random.Next(5) == 0 ? [lists[random.Next(lists.Length)]] : null
        );
        var listTerms =
            random.Next(3) == 0
                ? new ListTermsDto(
                    [lists[random.Next(lists.Length)]],
                    Math.Round((decimal)random.NextDouble() * (minRate - 0.1m) + 0.01m, 2)
                )
                : null;
        return new ProductBody(
            $"Random product {random.Next()}",
            "Generated",
            minAmount,
            maxAmount,
            minTerm,
            maxTerm,
            minRate,
            minRate + 1m,
            GuaranteeMixes[random.Next(GuaranteeMixes.Length)],
            ["44"],
            null,
            eligibility,
            ["random"],
            listTerms
        );
    }
}
