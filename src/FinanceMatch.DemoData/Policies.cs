using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Refit;

/// <summary>
/// Issue 18's layer in the demo, through the real API: the finance bureau's cultivation pool (a third of the firms,
/// shared with every bank, which subscribe to it) and a bank's pool-only product with a rate discount; the bureau's three
/// policies (one for its pool's first loans: a policy names only its own department's lists); later the demand hall (banks pick untaken requests, firms confirm) and the banks' subsidy claims,
/// which the bureau decides.
/// </summary>
internal static class Policies
{
    public static async Task ListsAndPoliciesAsync(
        FinanceMatchClient fund,
        List<(string Name, FinanceMatchClient Client)> banks,
        IReadOnlyList<string> poolUsccs
    )
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var pool = await fund.Lists.CreateAsync(
            new CreateListBody(
                "Foshan first-loan cultivation pool",
                ListKind.CultivationPool,
                today.AddMonths(-1),
                today.AddYears(1),
                "Firms with a clean tax record and no bank loan yet, pushed to banks for their first loans.",
                SharedWithAllBanks: true
            )
        );
        foreach (var (_, bank) in banks)
            await bank.Lists.SubscribeAsync(pool.Id);
        var csv = new StringBuilder("uscc\n");
        foreach (var uscc in poolUsccs)
            csv.Append(uscc).Append('\n');
        var batch = await fund.Lists.UploadMembersAsync(
            pool.Id,
            new StringContent(csv.ToString(), new UTF8Encoding(false), "text/csv")
        );
        while (batch.Status is BatchStatus.Queued or BatchStatus.Processing)
        {
            await Task.Delay(250);
            batch = await fund.Feeds.GetBatchAsync(batch.Id);
        }
        Console.WriteLine($"Cultivation pool {pool.Id}: {batch.AcceptedRows:N0} firms listed");

        var (name, first) = banks[0];
        await first.Products.PublishAsync(
            (
                await first.Products.CreateAsync(
                    new ProductBody(
                        $"{name} Cultivation Pool First Loan",
                        "For firms of the finance bureau's cultivation pool: unsecured, and 0.5 points cheaper.",
                        100_000m,
                        2_000_000m,
                        6,
                        24,
                        4.0m,
                        6.0m,
                        [GuaranteeType.Credit],
                        Eligibility: new EligibilityDto(Lists: [pool.Id]),
                        Tags: ["tax-credit", "first-loan"],
                        ListTerms: new ListTermsDto([pool.Id], 0.5m)
                    )
                )
            ).Id
        );

        CreatePolicyBody Policy(
            string title,
            PolicyKind kind,
            decimal budget,
            decimal cap,
            PolicyEligibilityDto rules
        ) => new(title, kind, budget, cap, today.AddMonths(-1), today.AddYears(1), rules);
        await fund.Policies.CreateAsync(
            Policy(
                "Foshan inclusive-finance interest subsidy",
                PolicyKind.InterestSubsidy,
                3_000_000m,
                30_000m,
                new PolicyEligibilityDto(DivisionPrefixes: ["4406"], ProductTags: ["tax-credit", "micro"])
            ) with
            {
                SubsidyRate = 1m,
                SubsidyMonths = 12,
            }
        );
        await fund.Policies.CreateAsync(
            Policy(
                "First-loan bonus for pool firms",
                PolicyKind.FirstLoanBonus,
                500_000m,
                10_000m,
                new PolicyEligibilityDto(Lists: [pool.Id], FirstLoansOnly: true)
            ) with
            {
                BonusAmount = 10_000m,
            }
        );
        await fund.Policies.CreateAsync(
            Policy(
                "Guarantee-fee subsidy for micro loans",
                PolicyKind.GuaranteeFeeSubsidy,
                300_000m,
                20_000m,
                new PolicyEligibilityDto(ProductTags: ["micro"])
            ) with
            {
                SubsidyRate = 0.5m,
                SubsidyMonths = 12,
            }
        );
        Console.WriteLine("Policies: an interest subsidy, a first-loan bonus and a guarantee-fee subsidy");
    }

    /// <summary>Banks show interest in untaken requests of the hall; the firms confirm about half of them.</summary>
    public static async Task DemandHallAsync(
        List<(string Name, FinanceMatchClient Client)> banks,
        List<(Guid Id, FinanceMatchClient Client)> borrowers,
        Random random
    )
    {
        var interests = 0;
        foreach (var (_, bank) in banks)
        {
            var products = (await bank.Products.ListMineAsync(pageSize: 50))
                .Items.Where(p => p.Status == ProductStatus.Published)
                .ToList();
            foreach (
                var entry in (await bank.DemandHall.ListAsync(pageSize: 100)).Items.Where(_ => random.Next(3) == 0)
            )
            {
                await bank.DemandHall.ExpressInterestAsync(
                    entry.Id,
                    new ExpressInterestBody(products[random.Next(products.Count)].Id, "We would look at this one.")
                );
                interests++;
            }
        }
        var confirmed = 0;
        foreach (var (_, firm) in borrowers)
        {
            foreach (var request in (await firm.LoanRequests.ListAsync(pageSize: 50)).Items)
            {
                var open = (await firm.DemandHall.InterestsAsync(request.Id))
                    .Where(i => i.Status == InterestStatus.Open)
                    .ToList();
                if (open.Count == 0 || random.Next(2) == 0)
                    continue;
                try
                {
                    await firm.DemandHall.ConfirmAsync(request.Id, open[random.Next(open.Count)].Id);
                    confirmed++;
                }
                catch (ApiException) { } // Another confirmation took the request out of the hall first.
            }
        }
        Console.WriteLine($"Demand hall: {interests} interests, {confirmed} confirmed by the firms");
    }

    /// <summary>Each bank claims a month's worth of every policy on its loans; the bureau pays most claims.</summary>
    public static async Task SubsidyClaimsAsync(
        List<(string Name, FinanceMatchClient Client)> banks,
        FinanceMatchClient fund,
        Random random
    )
    {
        var filed = 0;
        foreach (var (_, bank) in banks)
        {
            foreach (var loan in (await bank.Loans.ListAsync(pageSize: 200)).Items)
            {
                foreach (var policyId in loan.PolicyIds ?? [])
                {
                    try
                    {
                        await bank.Policies.FileClaimAsync(
                            loan.Id,
                            new FileSubsidyClaimBody(policyId, Math.Round(loan.Amount * 0.01m / 12, 2))
                        );
                        filed++;
                    }
                    catch (ApiException) { } // Nothing earned yet (no month repaid), or the policy pays less.
                }
            }
        }
        var (paid, refused) = (0, 0);
        foreach (var claim in (await fund.Policies.ListClaimsAsync("submitted", pageSize: 200)).Items)
        {
            if (random.Next(8) == 0)
            {
                await fund.Policies.RejectClaimAsync(
                    claim.Id,
                    new DecideClaimBody("The interest statement is missing.")
                );
                refused++;
                continue;
            }
            await fund.Policies.ApproveClaimAsync(claim.Id, new DecideClaimBody(null));
            paid++;
        }
        Console.WriteLine($"Subsidy claims: {filed} filed, {paid} paid, {refused} refused");
    }
}
