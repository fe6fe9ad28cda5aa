using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Marketplace;

/// <summary>A bank declines with a reason code; the declined firm asks to be referred to the banks that have not seen it.</summary>
public sealed class ReferralTests
{
    private static async Task<LoanRequestDto> ReferredAsync(Actors.Party<RegisteredEnterprise> firm, Guid requestId)
    {
        var referred = await firm.Client.LoanRequests.ReferAsync(requestId);
        Assert.That(referred.Status, Is.EqualTo(LoanRequestStatus.Matching));
        LoanRequestDto? settled = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                settled = await firm.Client.LoanRequests.GetAsync(requestId);
                return settled.Status != LoanRequestStatus.Matching;
            },
            TimeSpan.FromSeconds(20),
            $"referred loan request {requestId} was not matched"
        );
        return settled!;
    }

    [Test]
    public async Task ADeclinedFirm_IsReferredToTheBanksThatHaveNotSeenItsRequest_AndTheReferralIsCounted()
    {
        var band = Support.Marketplace.Band();
        var first = await Actors.BankAsync();
        await Support.Marketplace.PublishedAsync(first.Client, Support.Marketplace.Product(band));
        var firm = await Actors.EnterpriseAsync();
        var request = await Support.Marketplace.MatchedAsync(firm.Client, Support.Marketplace.Request(band));
        var declined = Support.Marketplace.MatchOf(request, first);
        // A bank that published after the request was matched has not seen it.
        var second = await Actors.BankAsync();
        await Support.Marketplace.PublishedAsync(second.Client, Support.Marketplace.Product(band));

        var decline = await first.Client.Matches.DeclineAsync(
            declined.Id,
            new DeclineMatchBody("Not enough security for the amount", DeclineReasonCode.InsufficientCollateral)
        );
        var referred = await ReferredAsync(firm, request.Id);

        Assert.That(decline.DeclineReasonCode, Is.EqualTo(DeclineReasonCode.InsufficientCollateral));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => first.Client.LoanRequests.GetAsync(request.Id));
        Assert.That((referred.Status, referred.Referrals), Is.EqualTo((LoanRequestStatus.Matched, 1)));
        Assert.That(
            referred.Matches.Select(m => (m.InstitutionId, m.Rank, m.Status)),
            Is.EquivalentTo(
                new[] { (first.Created.Id, 1, MatchStatus.Declined), (second.Created.Id, 2, MatchStatus.Pending) }
            ),
            "the bank that declined is not asked again; the new match ranks after the first"
        );
        var offer = referred.Matches.Single(m => m.InstitutionId == second.Created.Id);
        await second.Client.Matches.ReviewAsync(offer.Id);
        await second.Client.Matches.ApproveAsync(offer.Id, new ApproveMatchBody(request.Amount, 4.5m, 24));
        await firm.Client.Matches.AcceptAsync(offer.Id);
        await second.Client.Matches.DisburseAsync(offer.Id, new DisburseMatchBody(request.Amount, Today));

        var own = await second.Client.Statistics.GetOverviewAsync();
        Assert.That(
            (own.ReferredRequests, own.ReferralsMatched, own.ReferralsFunded),
            Is.EqualTo((1L, 1L, 1L)),
            "the second bank's own: one referred request, matched to it and paid out"
        );
        var declinersOwn = await first.Client.Statistics.GetOverviewAsync();
        Assert.That(declinersOwn.ReferredRequests, Is.Zero, "the declining bank was not referred the request");
        var platform = await (await TestRun.OperatorAsync()).Statistics.GetOverviewAsync();
        Assert.That(platform.ReferralsFunded, Is.GreaterThanOrEqualTo(1));
        Assert.That(platform.ReferredRequests, Is.GreaterThanOrEqualTo(platform.ReferralsMatched));
    }

    [Test]
    public async Task AReferral_NeedsADecline_AndNoOfferInPlay()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await Support.Marketplace.MatchedRequestAsync(bank);
        var match = Support.Marketplace.MatchOf(request, bank);

        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.ReferAsync(request.Id));
        await bank.Client.Matches.ReviewAsync(match.Id);
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.ReferAsync(request.Id));
        await firm.Client.LoanRequests.CancelAsync(request.Id);
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.ReferAsync(request.Id));
        Assert.That((await firm.Client.LoanRequests.GetAsync(request.Id)).Referrals, Is.Zero);
    }

    [Test]
    public async Task OnlyTheFirm_RefersItsRequest_AndADeclineWithoutACodeIsOther()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await Support.Marketplace.MatchedRequestAsync(bank);
        var match = Support.Marketplace.MatchOf(request, bank);
        var declined = await bank.Client.Matches.DeclineAsync(match.Id, new DeclineMatchBody("Not now"));
        Assert.That(declined.DeclineReasonCode, Is.EqualTo(DeclineReasonCode.Other));

        var otherFirm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherFirm.Client.LoanRequests.ReferAsync(request.Id));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.LoanRequests.ReferAsync(request.Id));
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => @operator.LoanRequests.ReferAsync(request.Id));

        var referred = await ReferredAsync(firm, request.Id);

        Assert.That(
            (referred.Status, referred.Referrals, referred.Matches.Count),
            Is.EqualTo((LoanRequestStatus.NoMatch, 1, 1)),
            "no other bank has a product for it: the referral finds nothing, and says so"
        );
    }

    [Test]
    public async Task AReferral_NeedsTheRequestsConsentInForce_AndARequestForEveryBank()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await Support.Marketplace.MatchedRequestAsync(bank);
        var match = Support.Marketplace.MatchOf(request, bank);
        await bank.Client.Matches.DeclineAsync(match.Id, new DeclineMatchBody("Not now"));
        await firm.Client.Consents.RevokeAsync(firm.Created.Id, request.ConsentId);

        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.ReferAsync(request.Id));

        var band = Support.Marketplace.Band();
        var chosen = await Support.Marketplace.PublishedAsync(bank.Client, Support.Marketplace.Product(band));
        var applied = await Support.Marketplace.MatchedAsync(
            firm.Client,
            Support.Marketplace.Request(band) with
            {
                ProductId = chosen.Id,
            }
        );
        await bank.Client.Matches.DeclineAsync(applied.Matches.Single().Id, new DeclineMatchBody("Not now"));

        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.ReferAsync(applied.Id));
        Assert.That((await firm.Client.LoanRequests.GetAsync(applied.Id)).Referrals, Is.Zero);
    }
}
