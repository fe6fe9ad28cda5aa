using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Marketplace;

public sealed class MatchWorkflowTests
{
    private static ApproveMatchBody Offer(LoanRequestDto request) => new(request.Amount, 4.5m, 24);

    [Test]
    public async Task TheWholeJourney_PublishRequestMatchReviewApproveAcceptDisburse()
    {
        var winner = await Actors.BankAsync();
        var loser = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(winner, loser);
        var match = MatchOf(request, winner);

        Assert.That(
            (await winner.Client.Matches.ListAsync(status: "pending")).Items.Select(m => m.Id),
            Does.Contain(match.Id),
            "the bank's inbox"
        );
        var reviewed = await winner.Client.Matches.ReviewAsync(match.Id);
        Assert.That(reviewed.Status, Is.EqualTo(MatchStatus.UnderReview));
        Assert.That(reviewed.FirstRespondedAt, Is.Not.Null);
        await winner.Client.Consents.GetReportAsync(firm.Created.Id);
        var approved = await winner.Client.Matches.ApproveAsync(match.Id, Offer(request));
        Assert.That(
            (approved.Status, approved.ApprovedAmount, approved.AnnualRate, approved.TermMonths),
            Is.EqualTo((MatchStatus.Approved, (decimal?)request.Amount, (decimal?)4.5m, (int?)24))
        );
        var accepted = await firm.Client.Matches.AcceptAsync(match.Id);
        Assert.That(accepted.Status, Is.EqualTo(MatchStatus.Accepted));
        var afterAccept = await firm.Client.LoanRequests.GetAsync(request.Id);
        Assert.That(afterAccept.Status, Is.EqualTo(LoanRequestStatus.OfferAccepted));
        Assert.That(
            MatchOf(afterAccept, loser).Status,
            Is.EqualTo(MatchStatus.Withdrawn),
            "accepting withdraws the other open matches"
        );

        var disbursed = await winner.Client.Matches.DisburseAsync(
            match.Id,
            new DisburseMatchBody(request.Amount - 1000m, DateOnly.FromDateTime(DateTime.UtcNow))
        );

        Assert.That(
            (disbursed.Status, disbursed.DisbursedAmount),
            Is.EqualTo((MatchStatus.Disbursed, (decimal?)(request.Amount - 1000m)))
        );
        Assert.That(
            (await firm.Client.LoanRequests.GetAsync(request.Id)).Status,
            Is.EqualTo(LoanRequestStatus.Fulfilled)
        );
        Assert.That((await firm.Client.Matches.GetAsync(match.Id)).Status, Is.EqualTo(MatchStatus.Disbursed));
        Assert.That(
            (await winner.Client.Consents.GetReportAsync(firm.Created.Id)).ConsentId,
            Is.EqualTo(request.ConsentId),
            "a lender keeps reading under the request's consent while it is in force"
        );
    }

    [Test]
    public async Task ADisbursedLoan_MakesTheBankAFollower_OfTheFirmsRiskAlerts()
    {
        var lender = await Actors.BankAsync();
        var firm = await FirmPayingTaxAsync(20_000m);
        var band = Band();
        await PublishedAsync(lender.Client, Product(band));
        var request = await MatchedAsync(firm.Client, Request(band));
        var match = request.Matches.Single();
        await lender.Client.Matches.ReviewAsync(match.Id);
        await lender.Client.Matches.ApproveAsync(match.Id, Offer(request));
        await firm.Client.Matches.AcceptAsync(match.Id);
        await lender.Client.Matches.DisburseAsync(
            match.Id,
            new DisburseMatchBody(request.Amount, DateOnly.FromDateTime(DateTime.UtcNow))
        );

        var court = await Actors.DepartmentAsync(FeedType.Judicial);
        await Batches.FinishedAsync(
            court.Client,
            (
                await Batches.PushAsync(
                    court.Client,
                    FeedType.Judicial,
                    $$"""[{"uscc":"{{firm.Created.Uscc}}","caseNo":"(2026)粤0604执{{Random.Shared.Next(1, 99999)}}号","filedOn":"{{DateTime.UtcNow.AddDays(-3):yyyy-MM-dd}}","kind":"dishonestDebtor","amount":250000}]""",
                    Batches.Json
                )
            ).Id
        );

        await Eventually.HoldsAsync(
            async () =>
                (await lender.Client.Alerts.ListAsync()).Items.Any(a =>
                    a.EnterpriseId == firm.Created.Id && a.Kind == AlertKind.DishonestDebtor
                ),
            TimeSpan.FromSeconds(30),
            "the lender was not alerted"
        );
    }

    [Test]
    public async Task EveryMoveTheStateMachineDoesNotDraw_Is409()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(bank);
        var id = MatchOf(request, bank).Id;

        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Matches.ApproveAsync(id, Offer(request)));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.Matches.AcceptAsync(id));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                bank.Client.Matches.DisburseAsync(id, new DisburseMatchBody(1m, DateOnly.FromDateTime(DateTime.UtcNow)))
        );
        await bank.Client.Matches.ReviewAsync(id);
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Matches.ReviewAsync(id));
        await bank.Client.Matches.ApproveAsync(id, Offer(request));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Client.Matches.DeclineAsync(id, new DeclineMatchBody("changed our mind"))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                bank.Client.Matches.DisburseAsync(id, new DisburseMatchBody(1m, DateOnly.FromDateTime(DateTime.UtcNow)))
        );
        await firm.Client.Matches.AcceptAsync(id);
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.Matches.AcceptAsync(id));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.CancelAsync(request.Id));
        Assert.That((await bank.Client.Matches.GetAsync(id)).Status, Is.EqualTo(MatchStatus.Accepted));
    }

    [Test]
    public async Task AnOfferOutsideTheMatchedProductVersion_Is422()
    {
        var bank = await Actors.BankAsync();
        var (_, request) = await MatchedRequestAsync(bank);
        var id = MatchOf(request, bank).Id;
        await bank.Client.Matches.ReviewAsync(id);

        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.Client.Matches.ApproveAsync(id, Offer(request) with { AnnualRate = 9m })
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.Client.Matches.ApproveAsync(id, Offer(request) with { TermMonths = 60 })
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => bank.Client.Matches.ApproveAsync(id, Offer(request) with { Amount = request.Amount + 1 })
        );
        await Problems.ExpectFieldErrorAsync(
            "annualRate",
            () => bank.Client.Matches.ApproveAsync(id, Offer(request) with { AnnualRate = 0 })
        );
        await Problems.ExpectFieldErrorAsync(
            "amount",
            () => bank.Client.Matches.ApproveAsync(id, Offer(request) with { Amount = -5 })
        );
        await Problems.ExpectFieldErrorAsync(
            "reason",
            () => bank.Client.Matches.DeclineAsync(id, new DeclineMatchBody(""))
        );
        Assert.That((await bank.Client.Matches.GetAsync(id)).Status, Is.EqualTo(MatchStatus.UnderReview));
    }

    [Test]
    public async Task DisbursingMoreThanApproved_OrInTheFuture_IsRefused()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(bank);
        var id = MatchOf(request, bank).Id;
        await bank.Client.Matches.ReviewAsync(id);
        await bank.Client.Matches.ApproveAsync(id, Offer(request) with { Amount = request.Amount - 5000m });
        await firm.Client.Matches.AcceptAsync(id);

        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                bank.Client.Matches.DisburseAsync(
                    id,
                    new DisburseMatchBody(request.Amount, DateOnly.FromDateTime(DateTime.UtcNow))
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "disbursedOn",
            () =>
                bank.Client.Matches.DisburseAsync(
                    id,
                    new DisburseMatchBody(1m, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)))
                )
        );
        Assert.That((await bank.Client.Matches.GetAsync(id)).Status, Is.EqualTo(MatchStatus.Accepted));
    }

    [Test]
    public async Task ConcurrentTransitionsOnOneMatch_ExactlyOneWins()
    {
        var bank = await Actors.BankAsync();
        var (_, request) = await MatchedRequestAsync(bank);
        var id = MatchOf(request, bank).Id;
        await bank.Client.Matches.ReviewAsync(id);

        var attempts = Enumerable
            .Range(0, 8)
            .Select(i =>
                i % 2 == 0
                    ? Outcome(() =>
                        bank.Client.Matches.ApproveAsync(id, Offer(request) with { AnnualRate = 4m + i / 10m })
                    )
                    : Outcome(() => bank.Client.Matches.DeclineAsync(id, new DeclineMatchBody($"no {i}")))
            );
        var outcomes = await Task.WhenAll(attempts);

        Assert.That(outcomes.Count(o => o == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", outcomes));
        Assert.That(outcomes.Count(o => o == HttpStatusCode.Conflict), Is.EqualTo(7), string.Join(", ", outcomes));
    }

    [Test]
    public async Task ConcurrentAcceptances_OfTwoOffers_OnlyOneStands()
    {
        var first = await Actors.BankAsync();
        var second = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(first, second);
        foreach (var bank in new[] { first, second })
        {
            var id = MatchOf(request, bank).Id;
            await bank.Client.Matches.ReviewAsync(id);
            await bank.Client.Matches.ApproveAsync(id, Offer(request));
        }

        var outcomes = await Task.WhenAll(
            Outcome(() => firm.Client.Matches.AcceptAsync(MatchOf(request, first).Id)),
            Outcome(() => firm.Client.Matches.AcceptAsync(MatchOf(request, second).Id))
        );

        Assert.That(outcomes, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var statuses = (await firm.Client.LoanRequests.GetAsync(request.Id)).Matches.Select(m => m.Status).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[] { MatchStatus.Accepted, MatchStatus.Withdrawn }));
    }

    [Test]
    public async Task OnlyTheMatchedBank_Decides_AndOnlyTheFirm_Accepts()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(bank);
        var otherFirm = await Actors.EnterpriseAsync();
        var id = MatchOf(request, bank).Id;

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Matches.ReviewAsync(id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Matches.GetAsync(id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherFirm.Client.Matches.GetAsync(id));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Matches.ReviewAsync(id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            async () => await (await TestRun.OperatorAsync()).Matches.ReviewAsync(id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Matches.AcceptAsync(id));
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Matches.ReviewAsync(id));
        await bank.Client.Matches.ReviewAsync(id);
        await bank.Client.Matches.ApproveAsync(id, Offer(request));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherFirm.Client.Matches.AcceptAsync(id));
        Assert.That((await other.Client.Matches.ListAsync()).TotalCount, Is.Zero);
        Assert.That((await otherFirm.Client.Matches.ListAsync()).TotalCount, Is.Zero);
        Assert.That((await firm.Client.Matches.ListAsync()).Items.Single().Id, Is.EqualTo(id));
        await Problems.ExpectFieldErrorAsync("status", () => bank.Client.Matches.ListAsync(status: "bogus"));
    }

    [Test]
    public async Task AMatchTheBankLeavesUnanswered_ExpiresAfterTheDeadline()
    {
        var bank = await Actors.BankAsync();
        var (_, request) = await MatchedRequestAsync(bank);
        var id = MatchOf(request, bank).Id;
        await Sql.ExecuteAsync(
            "UPDATE financematch.matches SET created_at = created_at - interval '73 hours' WHERE id = $1",
            id
        );

        TestRun.App.Services.GetRequiredService<IRecurringJobManager>().Trigger("expire-unanswered-matches");

        await Eventually.HoldsAsync(
            async () => (await bank.Client.Matches.GetAsync(id)).Status == MatchStatus.Expired,
            TimeSpan.FromSeconds(20),
            "the match did not expire"
        );
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => bank.Client.Matches.ReviewAsync(id));
    }

    private static async Task<HttpStatusCode> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return HttpStatusCode.OK;
        }
        catch (ApiException e)
        {
            return e.StatusCode;
        }
    }
}
