using System.Net;
using FinanceMatch.Api.Features.Guarantees;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Guarantees;

/// <summary>政银担: a request asking for a guarantee is matched to a bank's product and to the guarantor covering it.</summary>
public sealed class CoMatchingTests
{
    /// <summary>
    /// A guarantee product taking only the loans of one test's band: every published guarantee product is considered for
    /// every request asking for a guarantee, so each test keeps its guarantors to itself this way.
    /// </summary>
    private static GuaranteeProductBody Cover(
        decimal band,
        decimal coverage = 0.8m,
        decimal fee = 1m,
        decimal capacity = 100_000_000_000m,
        EligibilityDto? eligibility = null
    ) => new("Policy guarantee", "政银担", coverage, fee, band, band + 100_000m, capacity, Eligibility: eligibility);

    private static async Task<Actors.Party<CreatedInstitution>> GuarantorAsync(
        GuaranteeProductBody product,
        InstitutionKind kind = InstitutionKind.Guarantor
    )
    {
        var @operator = await TestRun.OperatorAsync();
        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Guangdong Guarantee", Actors.UniqueCode("GUAR"), kind)
        );
        var guarantor = new Actors.Party<CreatedInstitution>(
            created,
            await TestRun.SignInAsync(created.ClientId, created.ClientSecret!)
        );
        var draft = await guarantor.Client.Guarantees.CreateAsync(product);
        await guarantor.Client.Guarantees.PublishAsync(draft.Id);
        return guarantor;
    }

    private sealed record CoMatched(
        Actors.Party<CreatedInstitution> Bank,
        Actors.Party<CreatedInstitution> Guarantor,
        Actors.Party<RegisteredEnterprise> Firm,
        LoanRequestDto Request,
        MatchDto Match
    )
    {
        public Guid GuaranteeId => Match.Guarantee!.GuaranteeId;

        /// <summary>The bank offers the full amount; the guarantor approves; the firm accepts.</summary>
        public async Task AcceptedAsync()
        {
            await OfferedAsync();
            await Guarantor.Client.Guarantees.ApproveAsync(GuaranteeId);
            await Firm.Client.Matches.AcceptAsync(Match.Id);
        }

        public async Task OfferedAsync()
        {
            await Bank.Client.Matches.ReviewAsync(Match.Id);
            await Bank.Client.Matches.ApproveAsync(Match.Id, new ApproveMatchBody(Request.Amount, 4.5m, 24));
        }

        public async Task<LoanDto> DisbursedAsync()
        {
            await AcceptedAsync();
            await Bank.Client.Matches.DisburseAsync(Match.Id, new DisburseMatchBody(Request.Amount, Today));
            return await Bank.Client.Loans.GetAsync(Match.Id);
        }
    }

    /// <summary>A bank lending only against a guarantee, a guarantor covering the band, and a firm asking for a guarantee.</summary>
    private static async Task<CoMatched> CoMatchedAsync(
        decimal? capacity = null,
        Actors.Party<CreatedInstitution>? guarantor = null,
        decimal? band = null
    )
    {
        var b = band ?? Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        await Support.Marketplace.PublishedAsync(
            bank.Client,
            Support.Marketplace.Product(b, "Guaranteed SME loan", guaranteeTypes: [GuaranteeType.Guarantee])
        );
        guarantor ??= await GuarantorAsync(Cover(b, capacity: capacity ?? 100_000_000_000m));
        var firm = await Actors.EnterpriseAsync();
        var request = await Support.Marketplace.MatchedAsync(
            firm.Client,
            Support.Marketplace.Request(b, guaranteeTypes: [GuaranteeType.Guarantee])
        );
        return new(bank, guarantor, firm, request, Support.Marketplace.MatchOf(request, bank));
    }

    [Test]
    public async Task ARequestAskingForAGuarantee_IsMatchedWithTheGuarantorCoveringMost_AndTheMatchCarriesItsTerms()
    {
        var band = Support.Marketplace.Band();
        var cheaper = await GuarantorAsync(Cover(band, coverage: 0.6m, fee: 0.5m));
        var covering = await GuarantorAsync(Cover(band, coverage: 0.8m, fee: 1.2m), InstitutionKind.Insurer);

        var co = await CoMatchedAsync(guarantor: covering, band: band);

        Assert.That(
            co.Match.Guarantee,
            Is.EqualTo(new MatchGuaranteeDto(co.GuaranteeId, covering.Created.Id, 0.8m, 1.2m))
        );
        var inbox = await covering.Client.Guarantees.ListGuaranteesAsync(status: "pending");
        var pending = inbox.Items.Single();
        Assert.That(
            (pending.Id, pending.LoanRequestId, pending.EnterpriseId, pending.Amount, pending.Committed),
            Is.EqualTo((co.GuaranteeId, co.Request.Id, co.Firm.Created.Id, co.Request.Amount, 0m))
        );
        Assert.That((await cheaper.Client.Guarantees.ListGuaranteesAsync()).Items, Is.Empty);
        Assert.That(
            (await co.Bank.Client.Matches.GetAsync(co.Match.Id)).Guarantee!.InstitutionId,
            Is.EqualTo(covering.Created.Id)
        );
    }

    [Test]
    public async Task WithoutAGuarantorCoveringIt_AGuaranteeOnlyRequestFindsNoMatch_AndOneAllowingCreditIsMatchedWithoutOne()
    {
        var band = Support.Marketplace.Band();
        var bank = await Actors.BankAsync();
        await Support.Marketplace.PublishedAsync(
            bank.Client,
            Support.Marketplace.Product(band, guaranteeTypes: [GuaranteeType.Credit, GuaranteeType.Guarantee])
        );
        // A guarantor whose rules this unrated firm fails.
        await GuarantorAsync(Cover(band, eligibility: new EligibilityDto(MinGrade: "A")));

        var guaranteeOnly = await Support.Marketplace.MatchedAsync(
            (await Actors.EnterpriseAsync()).Client,
            Support.Marketplace.Request(band, guaranteeTypes: [GuaranteeType.Guarantee])
        );
        var creditToo = await Support.Marketplace.MatchedAsync(
            (await Actors.EnterpriseAsync()).Client,
            Support.Marketplace.Request(band, guaranteeTypes: [GuaranteeType.Credit, GuaranteeType.Guarantee])
        );

        Assert.That(guaranteeOnly.Status, Is.EqualTo(LoanRequestStatus.NoMatch));
        Assert.That(creditToo.Status, Is.EqualTo(LoanRequestStatus.Matched));
        Assert.That(creditToo.Matches.Single().Guarantee, Is.Null);
    }

    [Test]
    public async Task AnOfferRelyingOnAGuarantor_CanBeTakenOnlyOnceItApproves_AndThePaidOutLoanHoldsItsCapacity()
    {
        var co = await CoMatchedAsync();
        await co.OfferedAsync();

        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => co.Firm.Client.Matches.AcceptAsync(co.Match.Id));

        var approved = await co.Guarantor.Client.Guarantees.ApproveAsync(co.GuaranteeId);
        Assert.That((approved.Status, approved.Committed), Is.EqualTo((GuaranteeStatus.Approved, co.Request.Amount)));
        await co.Firm.Client.Matches.AcceptAsync(co.Match.Id);
        var paidOut = co.Request.Amount - 25_000m;
        await co.Bank.Client.Matches.DisburseAsync(
            co.Match.Id,
            new DisburseMatchBody(paidOut, Today, GuaranteeType: GuaranteeType.Guarantee)
        );

        var loan = await co.Firm.Client.Loans.GetAsync(co.Match.Id);
        Assert.That((loan.GuaranteeId, loan.GuaranteeType), Is.EqualTo((co.GuaranteeId, GuaranteeType.Guarantee)));
        var active = await co.Firm.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId);
        Assert.That(
            (active.Status, active.LoanId, active.Committed),
            Is.EqualTo((GuaranteeStatus.Active, loan.Id, paidOut))
        );
        var product = (
            await co.Guarantor.Client.Guarantees.ListAsync(institutionId: co.Guarantor.Created.Id)
        ).Items.Single();
        Assert.That(product.Committed, Is.EqualTo(paidOut));
        Assert.That(
            (await TestRun.Anonymous().Guarantees.GetAsync(product.Id)).Committed,
            Is.Null,
            "the capacity a guarantor has committed is its own business"
        );
    }

    [Test]
    public async Task ALoanRelyingOnAGuarantor_CannotBeCalledSecuredOtherwise()
    {
        var co = await CoMatchedAsync();
        await co.AcceptedAsync();

        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                co.Bank.Client.Matches.DisburseAsync(
                    co.Match.Id,
                    new DisburseMatchBody(co.Request.Amount, Today, GuaranteeType: GuaranteeType.Credit)
                )
        );
        Assert.That(
            (await co.Firm.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId)).Status,
            Is.EqualTo(GuaranteeStatus.Approved)
        );
    }

    [Test]
    public async Task AGuarantorNeverCommitsBeyondItsCapacity_TheSecondApprovalIs409()
    {
        var band = Support.Marketplace.Band();
        var amount = Support.Marketplace.Request(band).Amount;
        var guarantor = await GuarantorAsync(Cover(band, capacity: amount * 1.5m));
        var first = await CoMatchedAsync(guarantor: guarantor, band: band);
        var second = await CoMatchedAsync(guarantor: guarantor, band: band);

        var results = await Task.WhenAll(
            Problems.StatusOfAsync(() => guarantor.Client.Guarantees.ApproveAsync(first.GuaranteeId)),
            Problems.StatusOfAsync(() => guarantor.Client.Guarantees.ApproveAsync(second.GuaranteeId))
        );

        Assert.That(results, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var product = (await guarantor.Client.Guarantees.ListAsync(institutionId: guarantor.Created.Id)).Items.Single();
        Assert.That(product.Committed, Is.EqualTo(amount));
        var guarantees = (await guarantor.Client.Guarantees.ListGuaranteesAsync()).Items;
        Assert.That(
            guarantees.Select(g => g.Status),
            Is.EquivalentTo(new[] { GuaranteeStatus.Approved, GuaranteeStatus.Pending })
        );
    }

    [Test]
    public async Task WhenTheGuarantorDeclines_TheOffersRelyingOnItAreWithdrawn()
    {
        var co = await CoMatchedAsync();
        await co.OfferedAsync();

        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => co.Guarantor.Client.Guarantees.DeclineAsync(co.GuaranteeId, new DeclineGuaranteeBody(" "))
        );
        var declined = await co.Guarantor.Client.Guarantees.DeclineAsync(
            co.GuaranteeId,
            new DeclineGuaranteeBody("Outside our sector focus")
        );

        Assert.That(
            (declined.Status, declined.DeclineReason),
            Is.EqualTo((GuaranteeStatus.Declined, "Outside our sector focus"))
        );
        Assert.That((await co.Firm.Client.Matches.GetAsync(co.Match.Id)).Status, Is.EqualTo(MatchStatus.Withdrawn));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => co.Guarantor.Client.Guarantees.ApproveAsync(co.GuaranteeId)
        );
    }

    [Test]
    public async Task WhenTheLastOfferRelyingOnAGuaranteeIsDeclined_TheGuaranteeIsWithdrawn_AndItsPartiesLoseSightOfIt()
    {
        var co = await CoMatchedAsync();
        await co.Guarantor.Client.Guarantees.ApproveAsync(co.GuaranteeId);
        await co.Bank.Client.Matches.ReviewAsync(co.Match.Id);

        await co.Bank.Client.Matches.DeclineAsync(co.Match.Id, new DeclineMatchBody("Outside our risk appetite"));

        var withdrawn = await co.Guarantor.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId);
        Assert.That((withdrawn.Status, withdrawn.Committed), Is.EqualTo((GuaranteeStatus.Withdrawn, 0m)));
        var product = (
            await co.Guarantor.Client.Guarantees.ListAsync(institutionId: co.Guarantor.Created.Id)
        ).Items.Single();
        Assert.That(product.Committed, Is.Zero);
        // The declining bank's part ended: what becomes of the firm's guarantee is no longer its business.
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => co.Bank.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => co.Guarantor.Client.Consents.GetReportAsync(co.Firm.Created.Id)
        );
    }

    [Test]
    public async Task CancellingTheRequest_WithdrawsAnApprovedGuarantee_AndGivesItsCapacityBack()
    {
        var co = await CoMatchedAsync();
        await co.Guarantor.Client.Guarantees.ApproveAsync(co.GuaranteeId);

        await co.Firm.Client.LoanRequests.CancelAsync(co.Request.Id);

        var withdrawn = await co.Guarantor.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId);
        Assert.That((withdrawn.Status, withdrawn.Committed), Is.EqualTo((GuaranteeStatus.Withdrawn, 0m)));
        var product = (
            await co.Guarantor.Client.Guarantees.ListAsync(institutionId: co.Guarantor.Created.Id)
        ).Items.Single();
        Assert.That(product.Committed, Is.Zero);
    }

    [Test]
    public async Task OnlyTheParties_SeeAGuarantee_AndOnlyItsGuarantorDecidesIt()
    {
        var co = await CoMatchedAsync();
        var otherGuarantor = await GuarantorAsync(Cover(Support.Marketplace.Band()));
        var otherBank = await Actors.BankAsync();
        var otherFirm = await Actors.EnterpriseAsync();

        foreach (var outsider in new[] { otherGuarantor.Client, otherBank.Client, otherFirm.Client })
            await Problems.ExpectAsync(
                HttpStatusCode.NotFound,
                () => outsider.Guarantees.GetGuaranteeAsync(co.GuaranteeId)
            );
        foreach (
            var party in new[] { co.Guarantor.Client, co.Bank.Client, co.Firm.Client, await TestRun.OperatorAsync() }
        )
            Assert.That((await party.Guarantees.GetGuaranteeAsync(co.GuaranteeId)).Id, Is.EqualTo(co.GuaranteeId));
        // Neither the lending bank nor another guarantor decides the guarantor's part; a firm may not even try.
        foreach (var notTheGuarantor in new[] { co.Bank.Client, otherGuarantor.Client })
            await Problems.ExpectAsync(
                HttpStatusCode.NotFound,
                () => notTheGuarantor.Guarantees.ApproveAsync(co.GuaranteeId)
            );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => co.Firm.Client.Guarantees.ApproveAsync(co.GuaranteeId)
        );
        Assert.That(
            (await co.Firm.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId)).Status,
            Is.EqualTo(GuaranteeStatus.Pending)
        );
    }

    [Test]
    public async Task TheGuarantor_ReadsTheFirmsReportUnderTheRequestsConsent_AndTheFirmSeesItInItsAccessLog()
    {
        var co = await CoMatchedAsync();
        var otherGuarantor = await GuarantorAsync(Cover(Support.Marketplace.Band()));

        var report = await co.Guarantor.Client.Consents.GetReportAsync(co.Firm.Created.Id);

        Assert.That(report.EnterpriseId, Is.EqualTo(co.Firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => otherGuarantor.Client.Consents.GetReportAsync(co.Firm.Created.Id)
        );
        var log = await co.Firm.Client.Consents.ListAccessesAsync(co.Firm.Created.Id);
        Assert.That(log.Items.Select(a => a.InstitutionId), Does.Contain(co.Guarantor.Created.Id));

        await co.Guarantor.Client.Guarantees.DeclineAsync(co.GuaranteeId, new DeclineGuaranteeBody("No"));

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => co.Guarantor.Client.Consents.GetReportAsync(co.Firm.Created.Id)
        );
    }

    [Test]
    public async Task OnDefault_TheBankClaimsFromTheGuarantorFirst_AndTheProgrammeCoversItsShareOfTheRest()
    {
        var co = await CoMatchedAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var programme = await department.Client.RiskProgrammes.CreateAsync(
            new CreateRiskProgrammeBody(
                "Credit-easy-loan risk fund",
                null,
                100_000_000_000m,
                0.4m,
                100_000_000_000m,
                new RiskProgrammeEligibilityDto(ProductIds: [co.Match.ProductId]),
                180,
                Today.AddDays(-1),
                Today.AddYears(1)
            )
        );
        var loan = await co.DisbursedAsync();
        Assert.That(loan.Cover!.ProgrammeId, Is.EqualTo(programme.Id));
        var loss = 1_000_000m;
        // A loan still repaying cannot be claimed on.
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => co.Bank.Client.Guarantees.ClaimAsync(co.GuaranteeId, new ClaimGuaranteeBody(loss))
        );
        await co.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, loan.Amount, 95));
        await co.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Defaulted, loan.Amount, 95));

        // The programme comes after the guarantor.

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => co.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(loss))
        );
        // Only the lending bank claims.
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => co.Guarantor.Client.Guarantees.ClaimAsync(co.GuaranteeId, new ClaimGuaranteeBody(loss))
        );
        var claimed = await co.Bank.Client.Guarantees.ClaimAsync(co.GuaranteeId, new ClaimGuaranteeBody(loss));
        Assert.That((claimed.Status, claimed.ClaimAmount), Is.EqualTo((GuaranteeStatus.Claimed, 800_000m)));
        // The guarantor pays, not the bank.
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => co.Bank.Client.Guarantees.PayClaimAsync(co.GuaranteeId, new DecideGuaranteeClaimBody(null))
        );
        var paid = await co.Guarantor.Client.Guarantees.PayClaimAsync(
            co.GuaranteeId,
            new DecideGuaranteeClaimBody("Paid within 30 days")
        );
        Assert.That((paid.Status, paid.Committed), Is.EqualTo((GuaranteeStatus.Paid, 0m)));

        var claim = await co.Bank.Client.RiskProgrammes.FileClaimAsync(loan.Id, new FileClaimBody(loss));

        Assert.That(
            (claim.Loss, claim.GuarantorPaid, claim.Amount),
            Is.EqualTo((loss, 800_000m, 80_000m)),
            "40% of the 200,000 the guarantor left to the bank"
        );
        var product = (
            await co.Guarantor.Client.Guarantees.ListAsync(institutionId: co.Guarantor.Created.Id)
        ).Items.Single();
        Assert.That(product.Committed, Is.Zero);
    }

    [Test]
    public async Task ARejectedGuaranteeClaim_LeavesTheWholeLossToTheProgramme()
    {
        var co = await CoMatchedAsync();
        var loan = await co.DisbursedAsync();
        await co.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Overdue, loan.Amount, 95));
        await co.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Defaulted, loan.Amount, 95));
        await co.Bank.Client.Guarantees.ClaimAsync(co.GuaranteeId, new ClaimGuaranteeBody(500_000m));

        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => co.Guarantor.Client.Guarantees.RejectClaimAsync(co.GuaranteeId, new DecideGuaranteeClaimBody(null))
        );
        var rejected = await co.Guarantor.Client.Guarantees.RejectClaimAsync(
            co.GuaranteeId,
            new DecideGuaranteeClaimBody("The bank did not report the overdue within 30 days")
        );

        Assert.That(
            (rejected.Status, rejected.ClaimNote, rejected.Committed),
            Is.EqualTo((GuaranteeStatus.ClaimRejected, "The bank did not report the overdue within 30 days", 0m))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => co.Guarantor.Client.Guarantees.PayClaimAsync(co.GuaranteeId, new DecideGuaranteeClaimBody(null))
        );
    }

    [Test]
    public async Task ASettledLoansGuarantee_IsReleasedByTheDailyRound_AndItsCapacityIsFreeAgain()
    {
        var co = await CoMatchedAsync();
        var loan = await co.DisbursedAsync();
        await co.Bank.Client.Loans.ReportPerformanceAsync(loan.Id, Report(LoanStatus.Settled, 0));

        using (var scope = TestRun.App.Services.CreateScope())
            Assert.That(
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReleaseSettledGuarantees.Command()),
                Is.GreaterThanOrEqualTo(1)
            );

        var released = await co.Guarantor.Client.Guarantees.GetGuaranteeAsync(co.GuaranteeId);
        Assert.That((released.Status, released.Committed), Is.EqualTo((GuaranteeStatus.Released, 0m)));
        var product = (
            await co.Guarantor.Client.Guarantees.ListAsync(institutionId: co.Guarantor.Created.Id)
        ).Items.Single();
        Assert.That(product.Committed, Is.Zero);
    }
}
