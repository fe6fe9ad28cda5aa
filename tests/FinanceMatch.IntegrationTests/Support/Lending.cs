using System.Globalization;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Loans paid out, for the tests of what comes after disbursement.</summary>
public static class Lending
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The current period (yyyy-MM): a loan paid out today can be reported for it.</summary>
    public static string ThisMonth => DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// A request (of a new firm without data, unless one is given) matched to one product of the bank, taken up, offered
    /// at its full amount and accepted.
    /// </summary>
    public static async Task<AcceptedOffer> AcceptedOfferAsync(
        Actors.Party<CreatedInstitution> bank,
        Actors.Party<RegisteredEnterprise>? borrower = null
    )
    {
        var band = Marketplace.Band();
        await Marketplace.PublishedAsync(bank.Client, Marketplace.Product(band));
        var firm = borrower ?? await Actors.EnterpriseAsync();
        var request = await Marketplace.MatchedAsync(firm.Client, Marketplace.Request(band));
        var match = Marketplace.MatchOf(request, bank);
        await bank.Client.Matches.ReviewAsync(match.Id);
        await bank.Client.Matches.ApproveAsync(match.Id, new ApproveMatchBody(request.Amount, 4.5m, 24));
        await firm.Client.Matches.AcceptAsync(match.Id);
        return new AcceptedOffer(bank, firm, match, request.Amount);
    }

    public sealed record AcceptedOffer(
        Actors.Party<CreatedInstitution> Bank,
        Actors.Party<RegisteredEnterprise> Firm,
        MatchDto Match,
        decimal Amount
    )
    {
        /// <summary>The bank pays the offer out today; the loan as the bank sees it.</summary>
        public async Task<LoanDto> DisburseAsync(bool firstLoan = false)
        {
            await Bank.Client.Matches.DisburseAsync(Match.Id, new DisburseMatchBody(Amount, Today, firstLoan));
            return await Bank.Client.Loans.GetAsync(Match.Id);
        }
    }

    /// <summary>The bank's report of its loan for the current period.</summary>
    public static ReportLoanPerformanceBody Report(LoanStatus status, decimal outstanding, int overdueDays = 0) =>
        new(ThisMonth, outstanding, overdueDays, status);
}
