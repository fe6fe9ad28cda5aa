using System.Net;
using FinanceMatch.Api.Features.GovernmentPolicies;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Lending;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Policies;

/// <summary>Government policies: rules as products have them, a budget reserved at disbursement, claims, one fund ledger.</summary>
public sealed class PolicyTests
{
    /// <summary>
    /// A policy limited to products carrying a tag of the test's own: policies apply to every match on the platform, so
    /// each test's products keep its budget to itself.
    /// </summary>
    private static CreatePolicyBody InterestSubsidy(string tag, decimal budget = 900_000_000_000m) =>
        new(
            "Inclusive-finance interest subsidy",
            PolicyKind.InterestSubsidy,
            budget,
            900_000_000_000m,
            Today.AddDays(-1),
            Today.AddYears(1),
            new PolicyEligibilityDto(DivisionPrefixes: ["44"], ProductTags: [tag]),
            SubsidyRate: 1m,
            SubsidyMonths: 12
        );

    private static async Task<(AcceptedOffer Offer, LoanRequestDto Request)> OfferAsync(string tag)
    {
        var bank = await Actors.BankAsync();
        var band = Band();
        await PublishedAsync(bank.Client, Product(band, tags: [tag]));
        var firm = await Actors.EnterpriseAsync();
        var request = await MatchedAsync(firm.Client, Request(band));
        var match = MatchOf(request, bank);
        await bank.Client.Matches.ReviewAsync(match.Id);
        await bank.Client.Matches.ApproveAsync(match.Id, new ApproveMatchBody(request.Amount, 4.5m, 24));
        await firm.Client.Matches.AcceptAsync(match.Id);
        return (new AcceptedOffer(bank, firm, match, request.Amount), request);
    }

    private static async Task<int> ReleaseReservationsAsync()
    {
        using var scope = TestRun.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReleasePolicyReservations.Command());
    }

    [Test]
    public async Task AnInterestSubsidy_AppliesToTheMatch_IsReservedAtDisbursement_AndPaidAsInterestIsPaid()
    {
        var tag = $"subsidy-{Guid.NewGuid():N}";
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var policy = await department.Client.Policies.CreateAsync(InterestSubsidy(tag));
        var (offer, request) = await OfferAsync(tag);
        Assert.That(
            (await offer.Firm.Client.Matches.GetAsync(offer.Match.Id)).PolicyIds,
            Is.EqualTo(new[] { policy.Id }),
            "the match carries the policy"
        );
        Assert.That(
            (await offer.Bank.Client.Matches.GetAsync(offer.Match.Id)).PolicyIds,
            Is.Null,
            "its public rules would tell the bank what its consent may not cover"
        );

        var loan = await offer.DisburseAsync();
        Assert.That(loan.PolicyIds, Is.EqualTo(new[] { policy.Id }));
        // 1 point of the rate on the amount for 12 of the loan's 24 months.
        var entitlement = Math.Round(request.Amount * 0.01m, 2);
        var reserved = await department.Client.Policies.GetAsync(policy.Id);
        Assert.That((reserved.Reserved, reserved.Paid), Is.EqualTo(((decimal?)entitlement, (decimal?)0m)));
        Assert.That((await offer.Bank.Client.Policies.GetAsync(policy.Id)).Reserved, Is.Null, "a bank sees no budget");

        var bank = offer.Bank.Client;
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Policies.FileClaimAsync(loan.Id, new FileSubsidyClaimBody(policy.Id, 1m))
        );
        await bank.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Repaying, offer.Amount));
        var earned = Math.Round(entitlement / 12, 2);
        await Problems.ExpectFieldErrorAsync(
            "amount",
            () => bank.Policies.FileClaimAsync(loan.Id, new FileSubsidyClaimBody(policy.Id, earned + 0.01m)),
            HttpStatusCode.UnprocessableEntity
        );
        var otherBank = await Actors.BankAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherBank.Client.Policies.FileClaimAsync(loan.Id, new FileSubsidyClaimBody(policy.Id, earned))
        );
        var claim = await bank.Policies.FileClaimAsync(loan.Id, new FileSubsidyClaimBody(policy.Id, earned));
        Assert.That((claim.Status, claim.MonthsPaid), Is.EqualTo((ClaimStatus.Submitted, 1)));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Policies.FileClaimAsync(loan.Id, new FileSubsidyClaimBody(policy.Id, 0.01m))
        );

        var otherDepartment = await Actors.DepartmentAsync(FeedType.Tax);
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherDepartment.Client.Policies.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Policies.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        Assert.That(
            (await department.Client.Policies.ListClaimsAsync("submitted")).Items.Select(c => c.Id),
            Does.Contain(claim.Id)
        );
        var approved = await department.Client.Policies.ApproveClaimAsync(claim.Id, new DecideClaimBody("Paid"));
        Assert.That(approved.Status, Is.EqualTo(ClaimStatus.Approved));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => department.Client.Policies.ApproveClaimAsync(claim.Id, new DecideClaimBody(null))
        );
        var after = await department.Client.Policies.GetAsync(policy.Id);
        Assert.That((after.Reserved, after.Paid), Is.EqualTo(((decimal?)(entitlement - earned), (decimal?)earned)));

        // Settled after one month: what was not earned goes back to the budget; the fund ledger tells every movement.
        await bank.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0));
        Assert.That(await ReleaseReservationsAsync(), Is.GreaterThanOrEqualTo(1));
        var settled = await department.Client.Policies.GetAsync(policy.Id);
        Assert.That(
            (settled.Reserved, settled.Paid, settled.Available),
            Is.EqualTo(((decimal?)0m, (decimal?)earned, (decimal?)(policy.Budget - earned)))
        );
        var ledger = await department.Client.Policies.LedgerAsync(policy.Id);
        Assert.That(
            ledger.Items.Select(e => (e.Kind, e.Amount, e.ClaimId)),
            Is.EqualTo(
                new (LedgerEntryKind, decimal, Guid?)[]
                {
                    (LedgerEntryKind.Reservation, entitlement, null),
                    (LedgerEntryKind.Payout, earned, claim.Id),
                    (LedgerEntryKind.Release, entitlement - earned, null),
                }
            )
        );
        var balance = Core.Funds.LedgerBalance.Of(
            ledger.Items.Select(e => (Enum.Parse<Core.Funds.LedgerEntryKind>(e.Kind.ToString()), e.Amount))
        );
        Assert.That((balance.Reserved, balance.Paid), Is.EqualTo((0m, earned)));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherDepartment.Client.Policies.LedgerAsync(policy.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Policies.LedgerAsync(policy.Id));

        // The bank's own figures: the policy money on its loans, committed and paid.
        var figures = await bank.Statistics.GetOverviewAsync(Today, Today);
        Assert.That((figures.PolicyMoneyCommitted, figures.PolicyMoneyPaid), Is.EqualTo((entitlement, earned)));
    }

    [Test]
    public async Task APolicyWhoseBudgetRanOut_PaysNothingOnTheLoan_AndAFirstLoanBonusNeedsAFirstLoan()
    {
        var tag = $"subsidy-{Guid.NewGuid():N}";
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var small = await department.Client.Policies.CreateAsync(InterestSubsidy(tag, budget: 100m));
        var bonus = await department.Client.Policies.CreateAsync(
            new CreatePolicyBody(
                "First-loan bonus",
                PolicyKind.FirstLoanBonus,
                1_000_000m,
                50_000m,
                Today.AddDays(-1),
                Today.AddYears(1),
                new PolicyEligibilityDto(ProductTags: [tag]),
                BonusAmount: 20_000m
            )
        );
        Assert.That(bonus.Eligibility.FirstLoansOnly, Is.True, "a first-loan bonus is for first loans");

        var (first, _) = await OfferAsync(tag);
        Assert.That(
            (await first.Firm.Client.Matches.GetAsync(first.Match.Id)).PolicyIds,
            Is.EquivalentTo(new[] { small.Id, bonus.Id })
        );
        var loan = await first.DisburseAsync(firstLoan: true);
        Assert.That(loan.PolicyIds, Is.EqualTo(new[] { bonus.Id }), "the subsidy's budget cannot hold this loan");
        Assert.That((await department.Client.Policies.GetAsync(small.Id)).Reserved, Is.Zero);
        Assert.That((await department.Client.Policies.GetAsync(bonus.Id)).Reserved, Is.EqualTo(20_000m));

        var (second, _) = await OfferAsync(tag);
        Assert.That(
            (await second.DisburseAsync(firstLoan: false)).PolicyIds,
            Is.Empty,
            "the bank says it is not a first loan"
        );
    }

    [Test]
    public async Task AFirm_SeesThePoliciesItQualifiesFor_AndThoseItMissesByOneRule_AndNobodyElseDoes()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var firm = await Actors.EnterpriseAsync();
        var list = await department.Client.Lists.CreateAsync(
            new CreateListBody("Specialised SMEs", ListKind.Specialised, Today.AddDays(-1))
        );
        await Batches.FinishedAsync(
            department.Client,
            (
                await department.Client.Lists.UploadMembersAsync(
                    list.Id,
                    Batches.Body($"uscc\n{firm.Created.Uscc}\n", Batches.Csv)
                )
            ).Id
        );
        Task<PolicyDto> CreateAsync(PolicyEligibilityDto rules, string name) =>
            department.Client.Policies.CreateAsync(InterestSubsidy("any") with { Name = name, Eligibility = rules });
        var qualifies = await CreateAsync(
            new PolicyEligibilityDto(DivisionPrefixes: ["4406"], Lists: [list.Id], ProductTags: ["green"]),
            "Listed firms in Foshan"
        );
        var oneMiss = await CreateAsync(
            new PolicyEligibilityDto(DivisionPrefixes: ["11"], Lists: [list.Id]),
            "Beijing only"
        );
        var twoMisses = await CreateAsync(
            new PolicyEligibilityDto(DivisionPrefixes: ["11"], IndustryPrefixes: ["A"]),
            "Beijing farms"
        );

        var answer = await firm.Client.Policies.EligibleAsync(firm.Created.Id);
        var mine = answer.Qualifies.Single(p => p.Policy.Id == qualifies.Id);
        Assert.That(mine.Checks.Select(c => c.Rule), Is.EquivalentTo(new[] { "division", "lists" }));
        Assert.That(
            mine.RequiresProductTags,
            Is.EqualTo(new[] { "green" }),
            "a product condition is listed, not checked"
        );
        var missed = answer.MissesByOneRule.Single(p => p.Policy.Id == oneMiss.Id);
        Assert.That(
            missed.FailedRules.Select(r => (r.Rule, r.Actual)),
            Is.EqualTo(new[] { ("division", (string?)"440604") })
        );
        Assert.That(
            answer.Qualifies.Concat(answer.MissesByOneRule).Select(p => p.Policy.Id),
            Does.Not.Contain(twoMisses.Id)
        );
        Assert.That(mine.Policy.Reserved, Is.Null, "a firm sees no budget");

        var other = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Policies.EligibleAsync(firm.Created.Id));
        var bank = await Actors.BankAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Policies.EligibleAsync(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            async () => await (await TestRun.OperatorAsync()).Policies.EligibleAsync(firm.Created.Id)
        );
    }

    [Test]
    public async Task APolicy_IsDefinedByItsDepartmentOrAnOperator_AndNonsenseIsRefused()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var body = InterestSubsidy("any");
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.Policies.CreateAsync(body with { DepartmentId = other.Created.Id })
        );
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync(
            "departmentId",
            () => @operator.Policies.CreateAsync(body),
            HttpStatusCode.UnprocessableEntity
        );
        Assert.That(
            (await @operator.Policies.CreateAsync(body with { DepartmentId = department.Created.Id })).DepartmentId,
            Is.EqualTo(department.Created.Id)
        );
        await Problems.ExpectFieldErrorAsync(
            "subsidyRate",
            () => department.Client.Policies.CreateAsync(body with { SubsidyRate = null }),
            HttpStatusCode.UnprocessableEntity
        );
        await Problems.ExpectFieldErrorAsync(
            "subsidyRate",
            () =>
                department.Client.Policies.CreateAsync(
                    body with
                    {
                        Kind = PolicyKind.FirstLoanBonus,
                        BonusAmount = 1m,
                    }
                ),
            HttpStatusCode.UnprocessableEntity
        );
        await Problems.ExpectFieldErrorAsync(
            "budget",
            () => department.Client.Policies.CreateAsync(body with { Budget = -1m })
        );
        await Problems.ExpectFieldErrorAsync(
            "validTo",
            () => department.Client.Policies.CreateAsync(body with { ValidTo = Today.AddYears(-5) })
        );
        await Problems.ExpectFieldErrorAsync(
            "eligibility.lists",
            () =>
                department.Client.Policies.CreateAsync(
                    body with
                    {
                        Eligibility = new PolicyEligibilityDto(Lists: [Guid.NewGuid()]),
                    }
                ),
            HttpStatusCode.UnprocessableEntity
        );
        var bank = await Actors.BankAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Policies.CreateAsync(body));
    }
}
