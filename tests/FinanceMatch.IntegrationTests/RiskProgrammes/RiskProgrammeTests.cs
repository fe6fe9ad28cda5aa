using System.Net;
using FinanceMatch.Api.Features.RiskProgrammes;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.RiskProgrammes;

public sealed class RiskProgrammeTests
{
    /// <summary>
    /// A programme covering only the given products: programmes admit loans from every test on the platform, so each test's
    /// own products keep its budget to itself.
    /// </summary>
    private static CreateRiskProgrammeBody Programme(
        IReadOnlyList<Guid> productIds,
        decimal budget,
        decimal ratio = 0.4m,
        decimal cap = 100_000_000_000m,
        Guid? departmentId = null,
        bool firstLoansOnly = false
    ) =>
        new(
            "Credit-easy-loan risk fund",
            departmentId,
            budget,
            ratio,
            cap,
            new RiskProgrammeEligibilityDto(ProductIds: productIds, FirstLoansOnly: firstLoansOnly),
            180,
            Today.AddDays(-1),
            Today.AddYears(1)
        );

    private static async Task<int> ReleaseReservationsAsync()
    {
        using var scope = TestRun.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReleaseRiskReservations.Command());
    }

    private static async Task DefaultAsync(AcceptedOffer offer)
    {
        await offer.Bank.Client.Loans.ReportPerformanceAsync(
            offer.Match.Id,
            Report(LoanStatus.Overdue, offer.Amount, 95)
        );
        await offer.Bank.Client.Loans.ReportPerformanceAsync(
            offer.Match.Id,
            Report(LoanStatus.Defaulted, offer.Amount, 95)
        );
    }

    [Test]
    public async Task ADefaultedLoan_IsPaidFromTheProgramme_AndTheLedgerTellsEveryMovement()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            Programme([offer.Match.ProductId], budget: offer.Amount)
        );
        Assert.That(programme.DepartmentId, Is.EqualTo(department.Created.Id), "a department defines its own");

        var loan = await offer.DisburseAsync();

        var exposure = Math.Round(offer.Amount * 0.4m, 2);
        Assert.That(
            loan.Cover,
            Is.EqualTo(new LoanCoverDto(programme.Id, programme.Name, exposure, exposure, EnrolmentStatus.Active))
        );
        var reserved = await department.Client.RiskProgrammes.GetAsync(programme.Id);
        Assert.That((reserved.Reserved, reserved.Available), Is.EqualTo((exposure, offer.Amount - exposure)));

        await DefaultAsync(offer);
        var loss = Math.Round(offer.Amount / 2, 2);
        var claim = await offer.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(loss));
        Assert.That(
            (claim.Status, claim.Amount, claim.ProgrammeId),
            Is.EqualTo((ClaimStatus.Submitted, Math.Round(loss * 0.4m, 2), programme.Id))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => offer.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(loss))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => offer.Bank.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        var otherDepartment = await Actors.DepartmentAsync(FeedType.Tax);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherDepartment.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        Assert.That((await otherDepartment.Client.RiskProgrammes.ListClaimsAsync()).Items, Is.Empty);
        Assert.That(
            (await department.Client.RiskProgrammes.ListClaimsAsync(status: "submitted")).Items.Select(c => c.Id),
            Is.EqualTo(new[] { claim.Id }),
            "the department's inbox"
        );

        var approved = await department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody("paid"));

        Assert.That(approved.Status, Is.EqualTo(ClaimStatus.Approved));
        var paid = await department.Client.RiskProgrammes.GetAsync(programme.Id);
        Assert.That(
            (paid.Reserved, paid.Paid, paid.Available),
            Is.EqualTo((0m, claim.Amount, offer.Amount - claim.Amount))
        );
        var ledger = await department.Client.RiskProgrammes.LedgerAsync(programme.Id);
        Assert.That(
            ledger.Items.Select(e => (e.Kind, e.Amount)),
            Is.EqualTo(
                new[]
                {
                    (LedgerEntryKind.Reservation, exposure),
                    (LedgerEntryKind.Payout, claim.Amount),
                    (LedgerEntryKind.Release, exposure - claim.Amount),
                }
            )
        );
        Assert.That((await offer.Bank.Client.Loans.GetAsync(loan.Id)).Cover!.Status, Is.EqualTo(EnrolmentStatus.Paid));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => offer.Bank.Client.RiskProgrammes.LedgerAsync(programme.Id)
        );
    }

    [Test]
    public async Task ParallelDisbursements_AtTheEdgeOfTheBudget_NeverOverCommitIt()
    {
        var bank = await Actors.BankAsync();
        var offers = new List<AcceptedOffer>();
        for (var i = 0; i < 5; i++)
            offers.Add(await AcceptedOfferAsync(bank));
        var @operator = await TestRun.OperatorAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        // Each loan would reserve the cap of 1,000; the budget holds two and a half.
        var programme = await @operator.RiskProgrammes.CreateAsync(
            Programme(
                [.. offers.Select(o => o.Match.ProductId)],
                2_500m,
                cap: 1_000m,
                departmentId: department.Created.Id
            )
        );

        var loans = await Task.WhenAll(offers.Select(o => o.DisburseAsync()));

        Assert.That(loans.Count(l => l.Cover is not null), Is.EqualTo(2));
        var after = await @operator.RiskProgrammes.GetAsync(programme.Id);
        Assert.That((after.Reserved, after.Available), Is.EqualTo((2_000m, 500m)));
        var ledger = await @operator.RiskProgrammes.LedgerAsync(programme.Id);
        Assert.That(
            ledger.Items.Select(e => (e.Kind, e.Amount)),
            Has.Exactly(2).EqualTo((LedgerEntryKind.Reservation, 1_000m))
        );
    }

    [Test]
    public async Task AClaim_IsOnlyForACoveredDefaultedLoan_OfTheClaimingBank()
    {
        var covered = await AcceptedOfferAsync(await Actors.BankAsync());
        var uncovered = await AcceptedOfferAsync(await Actors.BankAsync());
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        await department.Client.RiskProgrammes.CreateAsync(Programme([covered.Match.ProductId], covered.Amount));
        var loan = await covered.DisburseAsync();
        var other = await uncovered.DisburseAsync();
        Assert.That(other.Cover, Is.Null);

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => covered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(1_000m))
        );
        await DefaultAsync(uncovered);
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => uncovered.Bank.Client.RiskProgrammes.FileClaimAsync(other.Id, new FileClaimBody(1_000m))
        );
        await DefaultAsync(covered);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => uncovered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(1_000m))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => covered.Firm.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(1_000m))
        );
        await Problems.ExpectFieldErrorAsync(
            "loss",
            () => covered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(0m))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => covered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(covered.Amount + 1m))
        );

        var claim = await covered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(1_000m));
        await Problems.ExpectFieldErrorAsync(
            "note",
            () => department.Client.RiskProgrammes.RejectClaimAsync(claim.Id, new DecideClaimBody(" "))
        );
        var rejected = await department.Client.RiskProgrammes.RejectClaimAsync(
            claim.Id,
            new DecideClaimBody("The loss is not documented.")
        );
        Assert.That(rejected.Status, Is.EqualTo(ClaimStatus.Rejected));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        var again = await covered.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(2_000m));
        Assert.That(
            again.Status,
            Is.EqualTo(ClaimStatus.Submitted),
            "a rejected claim may be filed again in the window"
        );
        Assert.That(
            (await uncovered.Bank.Client.RiskProgrammes.ListClaimsAsync()).Items,
            Is.Empty,
            "a bank sees its own claims only"
        );
    }

    [Test]
    public async Task AProgramme_IsDefinedByAnOperatorForADepartment_OrByADepartmentForItself()
    {
        var @operator = await TestRun.OperatorAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var body = Programme([Guid.NewGuid()], 1_000_000m);

        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => @operator.RiskProgrammes.CreateAsync(body)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.RiskProgrammes.CreateAsync(body with { DepartmentId = other.Created.Id })
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.RiskProgrammes.CreateAsync(body));
        await Problems.ExpectFieldErrorAsync(
            "coverageRatio",
            () => department.Client.RiskProgrammes.CreateAsync(body with { CoverageRatio = 1.5m })
        );
        await Problems.ExpectFieldErrorAsync(
            "validTo",
            () => department.Client.RiskProgrammes.CreateAsync(body with { ValidTo = body.ValidFrom.AddDays(-1) })
        );
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () =>
                department.Client.RiskProgrammes.CreateAsync(
                    body with
                    {
                        Eligibility = new RiskProgrammeEligibilityDto(Grades: ["Z"]),
                    }
                )
        );
        var created = await @operator.RiskProgrammes.CreateAsync(body with { DepartmentId = department.Created.Id });
        Assert.That(
            (await bank.Client.RiskProgrammes.GetAsync(created.Id)).Budget,
            Is.EqualTo(1_000_000m),
            "terms are public to signed-in callers"
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.RiskProgrammes.LedgerAsync(created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().RiskProgrammes.GetAsync(created.Id)
        );
    }

    [Test]
    public async Task TheDailyRound_GivesASettledLoansReservationBack_AndFirstLoanProgrammesCoverOnlyFirstLoans()
    {
        var first = await AcceptedOfferAsync(await Actors.BankAsync());
        var repeat = await AcceptedOfferAsync(await Actors.BankAsync());
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            Programme([first.Match.ProductId, repeat.Match.ProductId], 100_000_000_000m, firstLoansOnly: true)
        );
        var loan = await first.DisburseAsync(firstLoan: true);
        Assert.That((await repeat.DisburseAsync(firstLoan: false)).Cover, Is.Null, "not a first loan");
        await first.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m));

        Assert.That(await ReleaseReservationsAsync(), Is.GreaterThanOrEqualTo(1));

        var after = await department.Client.RiskProgrammes.GetAsync(programme.Id);
        Assert.That((after.Reserved, after.Paid), Is.EqualTo((0m, 0m)));
        Assert.That(
            (await first.Bank.Client.Loans.GetAsync(loan.Id)).Cover!.Status,
            Is.EqualTo(EnrolmentStatus.Released)
        );
        var ledger = await department.Client.RiskProgrammes.LedgerAsync(programme.Id);
        Assert.That(
            ledger.Items.Select(e => e.Kind),
            Is.EqualTo(new[] { LedgerEntryKind.Reservation, LedgerEntryKind.Release })
        );
    }

    /// <summary>
    /// Random fates for a handful of loans of one programme (settled, defaulted and paid, defaulted and refused, defaulted
    /// and not yet claimed, still repaying), then the daily round: whatever happened, the ledger adds up to the programme's
    /// columns and to what its loans still hold.
    /// </summary>
    [TestCase(17)]
    [TestCase(4242)]
    public async Task TheLedger_AlwaysBalances(int seed)
    {
        var random = new Random(seed);
        var bank = await Actors.BankAsync();
        var offers = new List<AcceptedOffer>();
        for (var i = 0; i < 5; i++)
            offers.Add(await AcceptedOfferAsync(bank));
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            Programme([.. offers.Select(o => o.Match.ProductId)], 600_000_000_000m, ratio: 0.35m)
        );
        foreach (var offer in offers)
        {
            var loan = await offer.DisburseAsync();
            Assert.That(loan.Cover, Is.Not.Null);
            switch (random.Next(5))
            {
                case 0:
                    await bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0m));
                    break;
                case 1:
                case 2:
                    await DefaultAsync(offer);
                    var claim = await bank.Client.RiskProgrammes.FileClaimAsync(
                        loan.Id,
                        new FileClaimBody(Math.Round(offer.Amount * (decimal)random.NextDouble(), 2) + 1m)
                    );
                    if (random.Next(2) == 0)
                        await department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null));
                    else
                        await department.Client.RiskProgrammes.RejectClaimAsync(claim.Id, new DecideClaimBody("no"));
                    break;
                case 3:
                    await DefaultAsync(offer);
                    break;
            }
        }
        await ReleaseReservationsAsync();

        var state = await department.Client.RiskProgrammes.GetAsync(programme.Id);
        var ledger = await department.Client.RiskProgrammes.LedgerAsync(programme.Id, pageSize: 100);
        var balance = Core.Funds.LedgerBalance.Of(
            ledger.Items.Select(e => (Enum.Parse<Core.Funds.LedgerEntryKind>(e.Kind.ToString()), e.Amount))
        );
        Assert.That((balance.Reserved, balance.Paid), Is.EqualTo((state.Reserved, state.Paid)));
        var held = 0m;
        foreach (var offer in offers)
            held += (await bank.Client.Loans.GetAsync(offer.Match.Id)).Cover!.Reserved;
        Assert.That(held, Is.EqualTo(state.Reserved), "what the loans hold is what the programme has reserved");
        Assert.That(
            state.Available,
            Is.EqualTo(state.Budget - state.Reserved - state.Paid).And.GreaterThanOrEqualTo(0m)
        );
    }

    [Test]
    public async Task TwoApprovalsOfOneClaim_PayOnce_TheOther409()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            Programme([offer.Match.ProductId], budget: offer.Amount)
        );
        var loan = await offer.DisburseAsync();
        await DefaultAsync(offer);
        var claim = await offer.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(10_000m));

        var outcomes = await Task.WhenAll(
            Enumerable
                .Range(0, 2)
                .Select(_ =>
                    Problems.StatusOfAsync(() =>
                        department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
                    )
                )
        );

        Assert.That(outcomes.Order(), Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var after = await department.Client.RiskProgrammes.GetAsync(programme.Id);
        Assert.That((after.Reserved, after.Paid), Is.EqualTo(((decimal?)0m, (decimal?)claim.Amount)));
        var ledger = await department.Client.RiskProgrammes.LedgerAsync(programme.Id);
        Assert.That(ledger.Items.Count(e => e.Kind == LedgerEntryKind.Payout), Is.EqualTo(1));
    }

    [Test]
    public async Task AClaimOnALoanRecoveredMeanwhile_CannotBePaid_AndTheFundsStayHeldUntilItIsRejected()
    {
        var offer = await AcceptedOfferAsync(await Actors.BankAsync());
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            Programme([offer.Match.ProductId], budget: offer.Amount)
        );
        var loan = await offer.DisburseAsync();
        await DefaultAsync(offer);
        var claim = await offer.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(10_000m));
        await offer.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Recovered, 0m));

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => department.Client.RiskProgrammes.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        await ReleaseReservationsAsync();
        Assert.That(
            (await department.Client.RiskProgrammes.GetAsync(programme.Id)).Reserved,
            Is.GreaterThan(0m),
            "a claim in play keeps the reservation"
        );
        await department.Client.RiskProgrammes.RejectClaimAsync(claim.Id, new DecideClaimBody("Recovered in full."));
        await ReleaseReservationsAsync();
        Assert.That((await department.Client.RiskProgrammes.GetAsync(programme.Id)).Reserved, Is.EqualTo(0m));
    }

    [Test]
    public async Task AProgrammesMoney_IsShownToItsDepartmentAndOperatorsOnly_AndNullsInItsListsAre400()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var created = await department.Client.RiskProgrammes.CreateAsync(Programme([Guid.NewGuid()], 1_000_000m));

        var asBank = await bank.Client.RiskProgrammes.GetAsync(created.Id);
        Assert.That((asBank.Budget, asBank.CoverageRatio), Is.EqualTo((1_000_000m, 0.4m)), "the terms are public");
        Assert.That(
            (asBank.Reserved, asBank.Paid, asBank.Available),
            Is.EqualTo(((decimal?)null, (decimal?)null, (decimal?)null))
        );
        Assert.That((await other.Client.RiskProgrammes.GetAsync(created.Id)).Reserved, Is.Null);
        Assert.That((await department.Client.RiskProgrammes.GetAsync(created.Id)).Available, Is.EqualTo(1_000_000m));

        var http = department.Client.Http;
        foreach (var list in new[] { "divisionPrefixes", "industryPrefixes", "grades" })
        {
            var body = $$$"""
                {"name":"x","budget":1000,"coverageRatio":0.4,"capPerLoan":100,"claimWindowDays":30,
                 "validFrom":"2026-01-01","validTo":"2027-01-01","eligibility":{"{{{list}}}":[null]}}
                """;
            using var response = await http.PostAsync(
                new Uri("/api/v1/risk-programmes", UriKind.Relative),
                new StringContent(body, System.Text.Encoding.UTF8, "application/json")
            );
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), list);
        }
    }
}
