using System.Net;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Marketplace;

public sealed class MatchingTests
{
    [Test]
    public async Task Request_IsMatchedToEveryEligibleProduct_RankedByFit_WithItsReasons()
    {
        var band = Band();
        var cheap = await Actors.BankAsync("Cheap Bank");
        var dear = await Actors.BankAsync("Dear Bank");
        var picky = await Actors.BankAsync("Picky Bank");
        var cheapProduct = await PublishedAsync(cheap.Client, Product(band, minRate: 3.6m));
        var dearProduct = await PublishedAsync(dear.Client, Product(band, minRate: 8m));
        await PublishedAsync(
            picky.Client,
            Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 1_000_000m))
        );
        var firm = await FirmPayingTaxAsync(20_000m);

        var request = await MatchedAsync(firm.Client, Request(band));

        Assert.That(request.Status, Is.EqualTo(LoanRequestStatus.Matched));
        Assert.That(
            request.Matches.Select(m => (m.ProductId, m.Rank)),
            Is.EqualTo(new[] { (cheapProduct.Id, 1), (dearProduct.Id, 2) })
        );
        var best = request.Matches[0];
        Assert.That(
            (best.Status, best.ProductVersion, best.InstitutionId, best.EnterpriseId),
            Is.EqualTo((MatchStatus.Pending, 1, cheap.Created.Id, firm.Created.Id))
        );
        Assert.That(
            best.FitScore,
            Is.EqualTo(
                best.Fit.Price + best.Fit.Guarantee + best.Fit.EligibilityMargin + best.Fit.Amount + best.Fit.Term
            )
        );
        Assert.That(best.FitScore, Is.GreaterThan(request.Matches[1].FitScore));
        Assert.That(
            best.Reasons.Select(r => r.Rule),
            Is.SupersetOf(new[] { "amount", "termMonths", "guaranteeType", "division", "excludeDishonestDebtors" })
        );
        Assert.That(
            best.Reasons.Single(r => r.Rule == "division").Actual,
            Is.EqualTo("440604"),
            "the firm sees its own values"
        );
        var asTheBankSeesIt = await cheap.Client.Matches.GetAsync(best.Id);
        Assert.That(
            asTheBankSeesIt.Reasons.Select(r => (r.Actual, r.Passed)),
            Has.All.EqualTo(((string?)null, (bool?)true)),
            "a bank sees the rules, thresholds and that they passed, never the firm's values"
        );
        Assert.That(asTheBankSeesIt.Reasons.Select(r => r.Required), Is.EqualTo(best.Reasons.Select(r => r.Required)));
    }

    [Test]
    public async Task AStrandedRequest_IsMatchedByTheSweep_WhichAlsoFreesStaleTriggerSlots()
    {
        var bank = await Actors.BankAsync();
        var (_, request) = await MatchedRequestAsync(bank);
        // As if the process had died between committing the request and enqueuing its run, over a minute ago.
        await Sql.ExecuteAsync("DELETE FROM financematch.matches WHERE loan_request_id = $1", request.Id);
        await Sql.ExecuteAsync(
            "UPDATE financematch.loan_requests SET status = 'Matching', matched_at = NULL, created_at = now() - interval '2 minutes' WHERE id = $1",
            request.Id
        );
        await Sql.ExecuteAsync(
            "INSERT INTO financematch.pending_job_triggers (name, requested_at) VALUES ('match-waiting-requests:lost', now() - interval '2 minutes')"
        );

        using (var scope = TestRun.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RematchStalledRequests.Command());

        await Eventually.HoldsAsync(
            async () =>
                await Sql.ScalarAsync<string>("SELECT status FROM financematch.loan_requests WHERE id = $1", request.Id)
                == "Matched",
            TimeSpan.FromSeconds(30),
            "the stranded request was not matched"
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.matches WHERE loan_request_id = $1",
                request.Id
            ),
            Is.EqualTo(1)
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.pending_job_triggers WHERE name = 'match-waiting-requests:lost'"
            ),
            Is.Zero
        );
    }

    [Test]
    public async Task ARequestThatCannotBeMatched_IsPassedOver_AndTheOthersAreStillMatched()
    {
        var bank = await Actors.BankAsync();
        var (_, poisoned) = await MatchedRequestAsync(bank);
        // Stored data no code can read (an unknown guarantee type), waiting longer than any other request: every run meets it first.
        await Sql.ExecuteAsync("DELETE FROM financematch.matches WHERE loan_request_id = $1", poisoned.Id);
        await Sql.ExecuteAsync(
            """
            UPDATE financematch.loan_requests SET status = 'Matching', matched_at = NULL, guarantee_types = '{Bogus}',
                created_at = now() - interval '30 seconds'
            WHERE id = $1
            """,
            poisoned.Id
        );
        try
        {
            var (_, healthy) = await MatchedRequestAsync(bank);

            Assert.That(healthy.Status, Is.EqualTo(LoanRequestStatus.Matched));
            Assert.That(
                await Sql.ScalarAsync<string>(
                    "SELECT status FROM financematch.loan_requests WHERE id = $1",
                    poisoned.Id
                ),
                Is.EqualTo("Matching"),
                "left waiting, with nothing written"
            );
        }
        finally
        {
            await Sql.ExecuteAsync(
                "UPDATE financematch.loan_requests SET status = 'Cancelled', guarantee_types = '{Credit}' WHERE id = $1",
                poisoned.Id
            );
        }
    }

    [Test]
    public async Task ARequestWhoseMatchesCannotBeWritten_StaysWaiting_AndLeavesNothingForTheNextRequest()
    {
        var bank = await Actors.BankAsync();
        var (_, broken) = await MatchedRequestAsync(bank);
        var product = broken.Matches.Single().ProductId;
        // The product's version row gone, its matches cannot be written (foreign key): the run fails after it has already
        // marked the request matched in memory, which must not be saved along with the next request.
        await Sql.ExecuteAsync("DELETE FROM financematch.matches WHERE loan_request_id = $1", broken.Id);
        await Sql.ExecuteAsync("DELETE FROM financematch.product_versions WHERE product_id = $1", product);
        await Sql.ExecuteAsync(
            "UPDATE financematch.loan_requests SET status = 'Matching', matched_at = NULL, created_at = now() - interval '30 seconds' WHERE id = $1",
            broken.Id
        );
        try
        {
            var (_, healthy) = await MatchedRequestAsync(bank);

            Assert.That(healthy.Status, Is.EqualTo(LoanRequestStatus.Matched));
            Assert.That(
                await Sql.ScalarAsync<string>("SELECT status FROM financematch.loan_requests WHERE id = $1", broken.Id),
                Is.EqualTo("Matching")
            );
            Assert.That(
                await Sql.ScalarAsync<long>(
                    "SELECT count(*) FROM financematch.matches WHERE loan_request_id = $1",
                    broken.Id
                ),
                Is.Zero
            );
        }
        finally
        {
            await Sql.ExecuteAsync(
                "UPDATE financematch.loan_requests SET status = 'Cancelled' WHERE id = $1",
                broken.Id
            );
            await Sql.ExecuteAsync("UPDATE financematch.products SET status = 'Withdrawn' WHERE id = $1", product);
        }
    }

    [Test]
    public async Task Request_CarriesItsConsent_ForTheMatchedBanksOnly()
    {
        var matched = await Actors.BankAsync();
        var bystander = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(matched);

        var consent = (await firm.Client.Consents.ListAsync(firm.Created.Id)).Items.Single();
        Assert.That(
            (consent.Id, consent.LoanRequestId, consent.InstitutionId, consent.Purpose),
            Is.EqualTo((request.ConsentId, (Guid?)request.Id, (Guid?)null, ConsentPurpose.LoanAssessment))
        );
        var report = await matched.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(report.ConsentId, Is.EqualTo(request.ConsentId));
        Assert.That(report.Records.Tax, Is.Not.Null);
        Assert.That(report.Records.Penalty, Is.Null, "only the consented scopes");
        Assert.That((await matched.Client.Enterprises.GetAsync(firm.Created.Id)).Id, Is.EqualTo(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bystander.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bystander.Client.Enterprises.GetAsync(firm.Created.Id)
        );
        var accesses = await firm.Client.Consents.ListAccessesAsync(firm.Created.Id);
        Assert.That(accesses.Items.Select(a => a.InstitutionId), Is.EqualTo(new[] { matched.Created.Id }));
    }

    [Test]
    public async Task ADeclinedBank_LosesAccessToTheReport()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(bank);
        await bank.Client.Consents.GetReportAsync(firm.Created.Id);

        await bank.Client.Matches.DeclineAsync(
            MatchOf(request, bank).Id,
            new DeclineMatchBody("Outside our risk appetite")
        );

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
    }

    [Test]
    public async Task NothingFits_NoMatch_AndNearMissesSayWhatWouldQualify()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        var oneRule = await PublishedAsync(
            bank.Client,
            Product(band, eligibility: new EligibilityDto(MinAnnualTaxPaid: 500_000m))
        );
        var twoRules = await PublishedAsync(
            bank.Client,
            Product(
                band,
                eligibility: new EligibilityDto(MinAnnualTaxPaid: 500_000m),
                industries: new IndustryPrefixes(["F"], null)
            )
        );
        await PublishedAsync(
            bank.Client,
            Product(
                band,
                guaranteeTypes: [GuaranteeType.Mortgage],
                eligibility: new EligibilityDto(MinAnnualTaxPaid: 500_000m),
                industries: new IndustryPrefixes(["F"], null)
            )
        );
        var firm = await FirmPayingTaxAsync(10_000m);

        var request = await MatchedAsync(firm.Client, Request(band));

        Assert.That(request.Status, Is.EqualTo(LoanRequestStatus.NoMatch));
        Assert.That(request.Matches, Is.Empty);
        // Other tests' products, in other amount bands, are near misses too (they fail on amount alone): look at this bank's.
        var all = await firm.Client.LoanRequests.GetNearMissesAsync(request.Id, pageSize: 500);
        var misses = all.Items.Where(m => m.InstitutionId == bank.Created.Id).ToList();
        Assert.That(
            misses.Select(m => m.ProductId),
            Is.EqualTo(new[] { oneRule.Id, twoRules.Id }),
            "fewest failed rules first; three failures are not near"
        );
        Assert.That(
            misses[0].FailedRules.Single(),
            Is.EqualTo(new RuleCheckDto("minAnnualTaxPaid", "at least 500000.00", "120000.00", false))
        );
        Assert.That(
            misses[1].FailedRules.Select(r => r.Rule),
            Is.EquivalentTo(new[] { "minAnnualTaxPaid", "industryInclude" })
        );
        Assert.That(all.Items.Select(m => m.FailedRules.Count), Is.Ordered, "fewest failed rules first");
        Assert.That(all.Items.Select(m => m.FailedRules.Count), Has.All.InRange(1, 2));
        var asOperator = await (await TestRun.OperatorAsync()).LoanRequests.GetNearMissesAsync(
            request.Id,
            pageSize: 500
        );
        Assert.That(asOperator.Items.Count(m => m.InstitutionId == bank.Created.Id), Is.EqualTo(2));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            async () => await (await Actors.EnterpriseAsync()).Client.LoanRequests.GetNearMissesAsync(request.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.LoanRequests.GetNearMissesAsync(request.Id)
        );
    }

    [Test]
    public async Task AFirmPassingEveryRule_IsMatched_AndOneFailingAny_IsNot()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        var firm = await FirmPayingTaxAsync(30_000m);
        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        var passing = new EligibilityDto(
            MinGrade: "C",
            MinScore: profile.Score,
            MinYearsInOperation: 5,
            MinAnnualTaxPaid: 360_000m,
            MinInsuredEmployees: null,
            ExcludeDishonestDebtors: true,
            ExcludeSeriousPenaltiesMonths: 36
        );
        var everyRule = await PublishedAsync(
            bank.Client,
            Product(
                band,
                "Every rule",
                eligibility: passing,
                divisions: ["4406", "4403", "4401"],
                industries: new IndustryPrefixes(["C3"], ["C39", "F"])
            )
        );
        var other = await Actors.BankAsync();
        await PublishedAsync(
            other.Client,
            Product(band, "Just too much tax asked", eligibility: passing with { MinAnnualTaxPaid = 360_000.01m })
        );

        var request = await MatchedAsync(firm.Client, Request(band));

        Assert.That(request.Matches.Select(m => m.ProductId), Is.EqualTo(new[] { everyRule.Id }));
        Assert.That(
            request.Matches.Single().Reasons.Select(r => r.Rule),
            Is.EquivalentTo(
                new[]
                {
                    "amount",
                    "termMonths",
                    "guaranteeType",
                    "division",
                    "industryInclude",
                    "industryExclude",
                    "minGrade",
                    "minScore",
                    "minYearsInOperation",
                    "minAnnualTaxPaid",
                    "excludeDishonestDebtors",
                    "excludeSeriousPenaltiesMonths",
                }
            )
        );
    }

    [Test]
    public async Task EachBank_GetsTheFirmOnce_ForItsBestFittingProduct()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        await PublishedAsync(bank.Client, Product(band, "Dear", minRate: 7m));
        var best = await PublishedAsync(bank.Client, Product(band, "Cheap", minRate: 3.5m));
        var firm = await Actors.EnterpriseAsync();

        var request = await MatchedAsync(firm.Client, Request(band));

        Assert.That(request.Matches.Single().ProductId, Is.EqualTo(best.Id));
        Assert.That(request.Matches.Single().ProductName, Is.EqualTo("Cheap"));
    }

    [Test]
    public async Task WithdrawnAndDraftProducts_AreNotMatched_AndAMatchKeepsItsProductVersion()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        var withdrawnBank = await Actors.BankAsync();
        var product = await PublishedAsync(bank.Client, Product(band));
        await withdrawnBank.Client.Products.WithdrawAsync(
            (await PublishedAsync(withdrawnBank.Client, Product(band))).Id
        );
        await withdrawnBank.Client.Products.CreateAsync(Product(band));
        var firm = await Actors.EnterpriseAsync();

        var request = await MatchedAsync(firm.Client, Request(band));
        await bank.Client.Products.UpdateAsync(product.Id, Product(band, "New name", minRate: 5m));

        var match = (await firm.Client.LoanRequests.GetAsync(request.Id)).Matches.Single();
        Assert.That(
            (match.ProductId, match.ProductVersion, match.ProductName),
            Is.EqualTo((product.Id, 1, "Tax-based credit loan"))
        );
        Assert.That(
            (await firm.Client.Products.GetVersionAsync(product.Id, match.ProductVersion)).MinAnnualRate,
            Is.EqualTo(4m)
        );
    }

    [Test]
    public async Task TheFirmsRateCeilingAndGuarantees_AreRespected()
    {
        var band = Band();
        var bank = await Actors.BankAsync();
        await PublishedAsync(bank.Client, Product(band, minRate: 6m));
        var firm = await Actors.EnterpriseAsync();

        Assert.That(
            (await MatchedAsync(firm.Client, Request(band, maxAnnualRate: 5.5m))).Status,
            Is.EqualTo(LoanRequestStatus.NoMatch)
        );
        Assert.That(
            (await MatchedAsync(firm.Client, Request(band, guaranteeTypes: [GuaranteeType.Mortgage]))).Status,
            Is.EqualTo(LoanRequestStatus.NoMatch)
        );
        Assert.That(
            (await MatchedAsync(firm.Client, Request(band, termMonths: 48))).Status,
            Is.EqualTo(LoanRequestStatus.NoMatch)
        );
        Assert.That(
            (await MatchedAsync(firm.Client, Request(band, maxAnnualRate: 6m))).Status,
            Is.EqualTo(LoanRequestStatus.Matched)
        );
    }

    [Test]
    public async Task BadRequests_Are400_AndCreateNothing()
    {
        var firm = await Actors.EnterpriseAsync();
        var band = Band();
        await Problems.ExpectFieldErrorAsync(
            "amount",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { Amount = 0 })
        );
        await Problems.ExpectFieldErrorAsync(
            "termMonths",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { TermMonths = 0 })
        );
        await Problems.ExpectFieldErrorAsync(
            "purpose",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { Purpose = " " })
        );
        await Problems.ExpectFieldErrorAsync(
            "guaranteeTypes",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { GuaranteeTypes = [] })
        );
        await Problems.ExpectFieldErrorAsync(
            "maxAnnualRate",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { MaxAnnualRate = -1 })
        );
        await Problems.ExpectFieldErrorAsync(
            "consent",
            () => firm.Client.LoanRequests.SubmitAsync(Request(band) with { Consent = null! })
        );
        await Problems.ExpectFieldErrorAsync(
            "consent.expiresAt",
            () =>
                firm.Client.LoanRequests.SubmitAsync(
                    Request(band) with
                    {
                        Consent = new LoanConsentBody([ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(-1)),
                    }
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "consent.expiresAt",
            () =>
                firm.Client.LoanRequests.SubmitAsync(
                    Request(band) with
                    {
                        Consent = new LoanConsentBody([ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(400)),
                    }
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "consent.scopes",
            () =>
                firm.Client.LoanRequests.SubmitAsync(
                    Request(band) with
                    {
                        Consent = new LoanConsentBody([], DateTimeOffset.UtcNow.AddDays(10)),
                    }
                )
        );
        await Problems.ExpectFieldErrorAsync("status", () => firm.Client.LoanRequests.ListAsync(status: "bogus"));
        Assert.That((await firm.Client.LoanRequests.ListAsync()).TotalCount, Is.Zero);
        Assert.That(
            (await firm.Client.Consents.ListAsync(firm.Created.Id)).TotalCount,
            Is.Zero,
            "no consent without its request"
        );
    }

    [Test]
    public async Task Requests_AreSeenByTheirFirm_TheirMatchedBanks_AndOperators()
    {
        var matched = await Actors.BankAsync();
        var second = await Actors.BankAsync();
        var bystander = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(matched, second);
        var otherFirm = await Actors.EnterpriseAsync();

        var asBank = await matched.Client.LoanRequests.GetAsync(request.Id);
        Assert.That(
            asBank.Matches.Select(m => m.InstitutionId),
            Is.EqualTo(new[] { matched.Created.Id }),
            "a bank sees its own match only"
        );
        Assert.That(
            (await (await TestRun.OperatorAsync()).LoanRequests.GetAsync(request.Id)).Matches,
            Has.Count.EqualTo(2)
        );
        Assert.That((await firm.Client.LoanRequests.ListAsync()).Items.Single().Id, Is.EqualTo(request.Id));
        Assert.That((await otherFirm.Client.LoanRequests.ListAsync()).TotalCount, Is.Zero);
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bystander.Client.LoanRequests.GetAsync(request.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherFirm.Client.LoanRequests.GetAsync(request.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => matched.Client.LoanRequests.SubmitAsync(Request(Band()))
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => matched.Client.LoanRequests.ListAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().LoanRequests.GetAsync(request.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => firm.Client.LoanRequests.GetAsync(Guid.NewGuid()));
    }

    [Test]
    public async Task Cancel_WithdrawsTheOpenMatches_AndEndsTheBanksAccess()
    {
        var bank = await Actors.BankAsync();
        var (firm, request) = await MatchedRequestAsync(bank);
        var otherFirm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherFirm.Client.LoanRequests.CancelAsync(request.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.LoanRequests.CancelAsync(request.Id));

        var cancelled = await firm.Client.LoanRequests.CancelAsync(request.Id);

        Assert.That(cancelled.Status, Is.EqualTo(LoanRequestStatus.Cancelled));
        Assert.That(cancelled.Matches.Single().Status, Is.EqualTo(MatchStatus.Withdrawn));
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => firm.Client.LoanRequests.CancelAsync(request.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => bank.Client.Matches.ReviewAsync(cancelled.Matches.Single().Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
    }

    [Test]
    public async Task Submit_WithTheSameIdempotencyKey_PostsOnce()
    {
        var firm = await Actors.EnterpriseAsync();
        var body = Request(Band());
        var first = await firm.Client.LoanRequests.SubmitAsync(body, "loan-key");
        var again = await firm.Client.LoanRequests.SubmitAsync(body, "loan-key");
        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That((await firm.Client.LoanRequests.ListAsync()).TotalCount, Is.EqualTo(1));
    }
}
