using FinanceMatch.Client.Contracts;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// A known world seen through one bank (a bank's figures are its own, so tests running alongside cannot disturb them):
/// three requests matched to it today — one approved, accepted and disbursed (first response after 2 hours), one
/// declined (after 6 hours), one left pending — and one request matched only to another bank.
/// </summary>
public sealed record KnownWorld(
    Actors.Party<CreatedInstitution> Bank,
    ProductDto PublishedProduct,
    IReadOnlyList<Actors.Party<RegisteredEnterprise>> Firms,
    IReadOnlyList<LoanRequestDto> Requests,
    decimal ApprovedAmount,
    decimal DisbursedAmount
)
{
    public static async Task<KnownWorld> SeedAsync(string bankName, string productName)
    {
        var bank = await Actors.BankAsync(bankName);
        var rival = await Actors.BankAsync();
        var band = Band();
        var product = await PublishedAsync(bank.Client, Marketplace.Product(band, productName));
        var firms = new[]
        {
            await Actors.EnterpriseAsync(),
            await Actors.EnterpriseAsync(),
            await Actors.EnterpriseAsync(),
        };
        var requests = new List<LoanRequestDto>();
        foreach (var firm in firms)
            requests.Add(await MatchedAsync(firm.Client, Request(band)));
        var otherBand = Band();
        await PublishedAsync(rival.Client, Marketplace.Product(otherBand));
        await MatchedAsync((await Actors.EnterpriseAsync()).Client, Request(otherBand));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var disbursed = requests[0].Matches.Single();
        var (approved, paidOut) = (requests[0].Amount - 5_000m, requests[0].Amount - 10_000m);
        await bank.Client.Matches.ReviewAsync(disbursed.Id);
        await bank.Client.Matches.ApproveAsync(disbursed.Id, new ApproveMatchBody(approved, 4.5m, 24));
        await firms[0].Client.Matches.AcceptAsync(disbursed.Id);
        await bank.Client.Matches.DisburseAsync(disbursed.Id, new DisburseMatchBody(paidOut, today));
        await bank.Client.Matches.DeclineAsync(
            requests[1].Matches.Single().Id,
            new DeclineMatchBody("Insufficient history")
        );
        await Sql.ExecuteAsync(
            "UPDATE financematch.matches SET first_responded_at = created_at + interval '2 hours' WHERE id = $1",
            disbursed.Id
        );
        await Sql.ExecuteAsync(
            "UPDATE financematch.matches SET first_responded_at = created_at + interval '6 hours' WHERE id = $1",
            requests[1].Matches.Single().Id
        );
        return new KnownWorld(bank, product, firms, requests, approved, paidOut);
    }
}
