using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Refit;

/// <summary>
/// The demo's marketplace, through the real API: each bank publishes three products, firms with profiles ask for loans
/// (some with a guarantee, co-matched with the guarantor, who works its inbox first), and the banks work their inboxes (review, approve or decline; the firm accepts an offer; some loans are disbursed), so
/// that the dashboard's funnel and breakdowns have something to show.
/// </summary>
internal static class Marketplace
{
    /// <summary>Returns the loans paid out.</summary>
    public static async Task<List<AfterTheLoan.Disbursed>> LoadAsync(
        List<(string Name, FinanceMatchClient Client)> banks,
        FinanceMatchClient guarantor,
        List<(Guid Id, FinanceMatchClient Client)> borrowers,
        Random random
    )
    {
        var loans = new List<AfterTheLoan.Disbursed>();
        var borrowersWithProfiles = await WithProfilesAsync(borrowers);
        var products = new Dictionary<Guid, ProductDto>();
        for (var b = 0; b < banks.Count; b++)
        {
            var (name, bank) = banks[b];
            var spread = b * 0.35m;
            foreach (
                var request in new[]
                {
                    new ProductBody(
                        $"{name} Tax-Credit Loan",
                        "Unsecured working capital for firms with a steady tax record.",
                        100_000m,
                        3_000_000m,
                        6,
                        36,
                        3.6m + spread,
                        6.5m + spread,
                        [GuaranteeType.Credit],
                        Eligibility: new EligibilityDto(MinGrade: "BB", MinAnnualTaxPaid: 30_000m),
                        Tags: ["tax-credit"]
                    ),
                    new ProductBody(
                        $"{name} Equipment Loan",
                        "Secured by the equipment bought or other property.",
                        500_000m,
                        10_000_000m,
                        12,
                        60,
                        4.2m + spread,
                        7.2m + spread,
                        [GuaranteeType.Mortgage, GuaranteeType.Pledge],
                        Eligibility: new EligibilityDto(MinYearsInOperation: 2),
                        Tags: ["equipment"]
                    ),
                    new ProductBody(
                        $"{name} Micro Working Capital",
                        "Small, short loans for Foshan's small firms.",
                        50_000m,
                        1_000_000m,
                        3,
                        12,
                        5.5m + spread,
                        9.5m + spread,
                        [GuaranteeType.Credit, GuaranteeType.Guarantee],
                        DivisionPrefixes: ["4406"],
                        Tags: ["micro"]
                    ),
                }
            )
            {
                var product = await bank.Products.PublishAsync((await bank.Products.CreateAsync(request)).Id);
                products[product.Id] = product;
            }
        }

        decimal[] amounts = [200_000m, 500_000m, 1_000_000m, 3_000_000m];
        int[] terms = [6, 12, 24, 36];
        GuaranteeType[][] guarantees =
        [
            [GuaranteeType.Credit],
            [GuaranteeType.Credit, GuaranteeType.Guarantee],
            [GuaranteeType.Mortgage],
            [GuaranteeType.Guarantee],
        ];
        var requests = new Dictionary<Guid, (Guid FirmId, FinanceMatchClient Firm, SubmitLoanRequestBody Ask)>();
        foreach (var (firmId, firm) in borrowersWithProfiles)
        {
            var ask = new SubmitLoanRequestBody(
                amounts[random.Next(amounts.Length)],
                terms[random.Next(terms.Length)],
                "Working capital",
                guarantees[random.Next(guarantees.Length)],
                new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(60))
            );
            requests[(await firm.LoanRequests.SubmitAsync(ask)).Id] = (firmId, firm, ask);
        }
        var outcomes = new List<LoanRequestDto>();
        foreach (var (id, (_, firm, _)) in requests)
        {
            LoanRequestDto request;
            while ((request = await firm.LoanRequests.GetAsync(id)).Status == LoanRequestStatus.Matching)
                await Task.Delay(100);
            outcomes.Add(request);
        }

        // The guarantor's inbox first: it takes most of the loans asking for its guarantee, and says why when it does not.
        var (guaranteed, refused) = (0, 0);
        foreach (
            var guarantee in (await guarantor.Guarantees.ListGuaranteesAsync(status: "pending", pageSize: 100)).Items
        )
        {
            if (random.Next(6) == 0)
            {
                await guarantor.Guarantees.DeclineAsync(
                    guarantee.Id,
                    new DeclineGuaranteeBody("The firm's trade is outside the agency's policy focus.")
                );
                refused++;
                continue;
            }
            await guarantor.Guarantees.ApproveAsync(guarantee.Id);
            guaranteed++;
        }

        // The banks' inboxes: most matches reviewed, most of those approved; the firm takes the first offer it gets.
        var (approved, declined, disbursed) = (0, 0, 0);
        foreach (var (_, bank) in banks)
        foreach (var match in (await bank.Matches.ListAsync(status: "pending", pageSize: 100)).Items)
        {
            if (random.Next(5) == 0)
                continue;
            await bank.Matches.ReviewAsync(match.Id);
            var (firmId, firm, ask) = requests[match.LoanRequestId];
            var product = products[match.ProductId];
            if (random.Next(3) == 0)
            {
                DeclineReasonCode[] codes =
                [
                    DeclineReasonCode.InsufficientRepaymentCapacity,
                    DeclineReasonCode.OutsideRiskAppetite,
                    DeclineReasonCode.PoorCreditHistory,
                ];
                await bank.Matches.DeclineAsync(
                    match.Id,
                    new DeclineMatchBody("Turnover too thin for the amount asked.", codes[random.Next(codes.Length)])
                );
                declined++;
                continue;
            }
            var term = Math.Clamp(ask.TermMonths, product.MinTermMonths, product.MaxTermMonths);
            await bank.Matches.ApproveAsync(
                match.Id,
                new ApproveMatchBody(Math.Round(ask.Amount * 0.8m, 2), product.MinAnnualRate + 0.25m, term)
            );
            approved++;
            try
            {
                await firm.Matches.AcceptAsync(match.Id);
            }
            catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                continue; // The firm already accepted another bank's offer.
            }
            if (random.Next(3) > 0)
            {
                var amount = Math.Round(ask.Amount * 0.8m, 2);
                await bank.Matches.DisburseAsync(
                    match.Id,
                    new DisburseMatchBody(
                        amount,
                        DateOnly.FromDateTime(DateTime.UtcNow),
                        FirstLoan: random.Next(3) == 0
                    )
                );
                var profile = await firm.Profiles.GetAsync(firmId);
                loans.Add(
                    new AfterTheLoan.Disbursed(bank, match.Id, amount, profile.Score, match.Guarantee?.GuaranteeId)
                );
                disbursed++;
            }
        }
        // Firms whose every offer a bank declined ask to be referred to the banks that have not seen their request.
        var (referred, referredMatched) = (0, 0);
        foreach (var (id, (_, firm, _)) in requests)
        {
            var request = await firm.LoanRequests.GetAsync(id);
            if (
                request.Matches.Count == 0
                || request.Matches.Any(m => m.Status != MatchStatus.Declined)
                || request.Status != LoanRequestStatus.Matched
            )
                continue;
            await firm.LoanRequests.ReferAsync(id);
            referred++;
            while ((request = await firm.LoanRequests.GetAsync(id)).Status == LoanRequestStatus.Matching)
                await Task.Delay(100);
            if (request.Status == LoanRequestStatus.Matched)
                referredMatched++;
        }
        Console.WriteLine($"{referred} declined requests referred to other banks, {referredMatched} matched again");
        Console.WriteLine(
            $"{products.Count} products published; {outcomes.Count} loan requests ({outcomes.Count(r => r.Status == LoanRequestStatus.Matched)} matched, "
                + $"{outcomes.Sum(r => r.Matches.Count)} matches); {guaranteed} guarantees approved, {refused} declined; "
                + $"{approved} offers approved, {declined} declined, {disbursed} loans disbursed"
        );
        return loans;
    }

    /// <summary>
    /// The platform's past, lent through the API: in each of <paramref name="rounds"/> rounds every borrower asks again
    /// for a loan the banks' products take (some with a guarantee), the guarantor takes on what it is asked to, the
    /// first-ranked bank offers and pays out, and the firm accepts. <see cref="AfterTheLoan.AgeAsync"/> then spreads these
    /// loans, with the others, over two years. Returns the loans paid out.
    /// </summary>
    public static async Task<List<AfterTheLoan.Disbursed>> HistoryAsync(
        List<(string Name, FinanceMatchClient Client)> banks,
        FinanceMatchClient guarantor,
        List<(Guid Id, FinanceMatchClient Client)> borrowers,
        int rounds,
        Random random
    )
    {
        var loans = new List<AfterTheLoan.Disbursed>();
        // Which client is which institution: the one bank that can see a match of it.
        var bankOf = new Dictionary<Guid, FinanceMatchClient>();
        async Task<FinanceMatchClient> BankOfAsync(MatchDto match)
        {
            if (bankOf.TryGetValue(match.InstitutionId, out var known))
                return known;
            foreach (var (_, bank) in banks)
            {
                try
                {
                    await bank.Matches.GetAsync(match.Id);
                    return bankOf[match.InstitutionId] = bank;
                }
                catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
            }
            throw new InvalidOperationException($"No demo bank sees match {match.Id}.");
        }
        decimal[] amounts = [200_000m, 500_000m, 800_000m];
        GuaranteeType[][] guarantees =
        [
            [GuaranteeType.Credit],
            [GuaranteeType.Credit],
            [GuaranteeType.Guarantee],
        ];
        var (requests, applied) = (0, 0);
        for (var round = 0; round < rounds; round++)
            foreach (var (firmId, firm) in await WithProfilesAsync(borrowers))
            {
                var body = new SubmitLoanRequestBody(
                    amounts[random.Next(amounts.Length)],
                    12,
                    "Working capital",
                    guarantees[random.Next(guarantees.Length)],
                    new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(60))
                );
                // One firm in four asks what it qualifies for first, and applies to the best-fitting product.
                if (random.Next(4) == 0 && body.GuaranteeTypes.SequenceEqual([GuaranteeType.Credit]))
                {
                    var best = (
                        await firm.Products.ListEligibleAsync(body.Amount, body.TermMonths, "credit", pageSize: 1)
                    ).Items;
                    if (best.Count > 0)
                    {
                        body = body with { ProductId = best[0].Id };
                        applied++;
                    }
                }
                var submitted = await firm.LoanRequests.SubmitAsync(body);
                requests++;
                LoanRequestDto request;
                while ((request = await firm.LoanRequests.GetAsync(submitted.Id)).Status == LoanRequestStatus.Matching)
                    await Task.Delay(50);
                if (request.Matches.Count == 0)
                    continue;
                var match = request.Matches.MinBy(m => m.Rank)!;
                if (match.Guarantee is { } guarantee)
                    await guarantor.Guarantees.ApproveAsync(guarantee.GuaranteeId);
                var bank = await BankOfAsync(match);
                await bank.Matches.ReviewAsync(match.Id);
                var product = await bank.Products.GetAsync(match.ProductId);
                await bank.Matches.ApproveAsync(
                    match.Id,
                    new ApproveMatchBody(request.Amount, product.MinAnnualRate + 0.25m, request.TermMonths)
                );
                await firm.Matches.AcceptAsync(match.Id);
                await bank.Matches.DisburseAsync(
                    match.Id,
                    new DisburseMatchBody(
                        request.Amount,
                        DateOnly.FromDateTime(DateTime.UtcNow),
                        FirstLoan: round == 0 && random.Next(3) == 0
                    )
                );
                var profile = await firm.Profiles.GetAsync(firmId);
                loans.Add(
                    new AfterTheLoan.Disbursed(
                        bank,
                        match.Id,
                        request.Amount,
                        profile.Score,
                        match.Guarantee?.GuaranteeId
                    )
                );
            }
        Console.WriteLine(
            $"History: {requests} earlier loan requests ({applied} applying to the product that fitted them best), {loans.Count} loans paid out"
        );
        return loans;
    }

    /// <summary>The borrowers whose profiles the feeds have produced (profiles are rebuilt shortly after a batch).</summary>
    private static async Task<List<(Guid Id, FinanceMatchClient Client)>> WithProfilesAsync(
        List<(Guid Id, FinanceMatchClient Client)> borrowers
    )
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var ready = new List<(Guid Id, FinanceMatchClient Client)>();
            foreach (var borrower in borrowers)
            {
                try
                {
                    await borrower.Client.Profiles.GetAsync(borrower.Id);
                    ready.Add(borrower);
                }
                catch (ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
            }
            if (ready.Count == borrowers.Count || (ready.Count > 0 && attempt >= 60))
                return ready;
            await Task.Delay(1000);
        }
        throw new InvalidOperationException("No borrower's credit profile was built within two minutes of the feeds.");
    }
}
