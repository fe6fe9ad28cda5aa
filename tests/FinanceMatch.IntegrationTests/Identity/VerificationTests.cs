using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

/// <summary>A firm proves it controls the registered firm with a signed e-business-licence assertion, or an operator reviews it.</summary>
public sealed class VerificationTests
{
    private static FakeLicenceIssuer Issuer => FakeLicenceIssuer.Instance;

    private static Task<EnterpriseDto> SubmitAsync(Actors.Party<RegisteredEnterprise> firm, string assertion) =>
        firm.Client.Enterprises.SubmitVerificationAsync(
            firm.Created.Id,
            new SubmitVerificationBody(VerificationMethod.BusinessLicence, assertion)
        );

    [TestCase(false)]
    [TestCase(true)]
    public async Task ValidLicence_Rs256OrEs256_VerifiesTheFirm(bool ec)
    {
        var firm = await Actors.PendingEnterpriseAsync();

        var verified = await SubmitAsync(
            firm,
            Issuer.Assertion(firm.Created.Uscc, new FakeLicenceIssuer.Options { UseEc = ec })
        );

        Assert.That(verified.Verification, Is.EqualTo(EnterpriseVerification.Verified));
        Assert.That(verified.VerificationMethod, Is.EqualTo(VerificationMethod.BusinessLicence));
        Assert.That(verified.VerifiedAt, Is.Not.Null);
        Assert.That(
            (await firm.Client.Enterprises.GetAsync(firm.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Verified)
        );
        Assert.That(
            (await firm.Client.Profiles.GetAsync(firm.Created.Id)).EnterpriseId,
            Is.EqualTo(firm.Created.Id),
            "verifying builds the profile"
        );
    }

    private static IEnumerable<TestCaseData> BadAssertions()
    {
        TestCaseData Case(string name, Func<string, string> make, string reason) =>
            new TestCaseData(make, reason).SetName($"BadLicence_{name}_Is422NamingTheReason");
        yield return Case(
            "WrongKey",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { SignWithStranger = true }),
            "signature"
        );
        yield return Case(
            "WrongEcKey",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { SignWithStranger = true, UseEc = true }),
            "signature"
        );
        yield return Case(
            "WrongIssuer",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { Issuer = "https://licence.example.org" }),
            "issuer"
        );
        yield return Case(
            "WrongAudience",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { Audience = "another-platform" }),
            "aud"
        );
        yield return Case(
            "Expired",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { IssuedAt = DateTime.UtcNow.AddMinutes(-20) }),
            "expired"
        );
        yield return Case(
            "TooLongLived",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { Lifetime = TimeSpan.FromMinutes(30) }),
            "ten minutes"
        );
        yield return Case(
            "AlteredSubject",
            u => FakeLicenceIssuer.Altered(Issuer.Assertion(Usccs.Next()), "sub", u),
            "signature"
        );
        yield return Case(
            "AlteredExpiry",
            u => FakeLicenceIssuer.Altered(Issuer.Assertion(u), "legalRepresentative", "Someone Else"),
            "signature"
        );
        yield return Case("OtherFirmsUscc", _ => Issuer.Assertion(Usccs.Next()), "another firm");
        yield return Case(
            "OtherLegalRepresentative",
            u => Issuer.Assertion(u, new FakeLicenceIssuer.Options { LegalRepresentative = "Wang Fang" }),
            "legal representative"
        );
        yield return Case("NotAJws", _ => "not.a.jws", "compact JWS");
        yield return Case("AlgNone", u => string.Join('.', Issuer.Assertion(u).Split('.')[..2]) + ".", "");
    }

    [TestCaseSource(nameof(BadAssertions))]
    public async Task BadLicence(Func<string, string> make, string reason)
    {
        var firm = await Actors.PendingEnterpriseAsync();

        var errors = await Problems.ExpectFieldErrorAsync(
            "assertion",
            () => SubmitAsync(firm, make(firm.Created.Uscc)),
            HttpStatusCode.UnprocessableEntity
        );

        Assert.That(string.Join(' ', errors), Does.Contain(reason).IgnoreCase);
        Assert.That(
            (await firm.Client.Enterprises.GetAsync(firm.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Pending)
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.security_events WHERE subject_id = $1 AND kind = 'VerificationFailed'",
                firm.Created.Id
            ),
            Is.EqualTo(1),
            "the failure is in the security log"
        );
    }

    [Test]
    public async Task ReusedJti_IsRefusedTheSecondTime()
    {
        var firm = await Actors.PendingEnterpriseAsync();
        var assertion = Issuer.Assertion(firm.Created.Uscc);
        await SubmitAsync(firm, assertion);

        var errors = await Problems.ExpectFieldErrorAsync(
            "assertion",
            () => SubmitAsync(firm, assertion),
            HttpStatusCode.UnprocessableEntity
        );

        Assert.That(string.Join(' ', errors), Does.Contain("already used"));
    }

    [Test]
    public async Task SixthFailureInAnHour_Is429WithRetryAfter()
    {
        var firm = await Actors.PendingEnterpriseAsync();
        for (var i = 0; i < 5; i++)
            await Problems.ExpectAsync(
                HttpStatusCode.UnprocessableEntity,
                () => SubmitAsync(firm, Issuer.Assertion(Usccs.Next()))
            );

        using var response = await firm.Client.Http.PostAsJsonAsync(
            new Uri($"/api/v1/enterprises/{firm.Created.Id}/verification", UriKind.Relative),
            new { method = "businessLicence", assertion = Issuer.Assertion(firm.Created.Uscc) }
        );

        await Problems.ExpectRawAsync(HttpStatusCode.TooManyRequests, response);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(50)));
        Assert.That(
            (await firm.Client.Enterprises.GetAsync(firm.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Pending),
            "even a valid licence waits out the limit"
        );
    }

    [Test]
    public async Task TwoClaimantsRacing_ExactlyOneWins_TheOtherIsRejected()
    {
        var uscc = Usccs.Next();
        var claimants = new[]
        {
            await Actors.PendingEnterpriseAsync(Actors.EnterpriseRequest(uscc)),
            await Actors.PendingEnterpriseAsync(Actors.EnterpriseRequest(uscc)),
        };
        var assertions = claimants.Select(_ => Issuer.Assertion(uscc)).ToArray();

        var outcomes = await Task.WhenAll(
            claimants.Select(
                async (c, i) =>
                {
                    try
                    {
                        await SubmitAsync(c, assertions[i]);
                        return HttpStatusCode.OK;
                    }
                    catch (Refit.ApiException e)
                    {
                        return e.StatusCode;
                    }
                }
            )
        );

        Assert.That(outcomes, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var states = await Task.WhenAll(
            claimants.Select(async c => (await c.Client.Enterprises.GetAsync(c.Created.Id)).Verification)
        );
        Assert.That(
            states,
            Is.EquivalentTo(new[] { EnterpriseVerification.Verified, EnterpriseVerification.Rejected })
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.enterprises WHERE uscc = $1 AND verification = 'Verified'",
                uscc
            ),
            Is.EqualTo(1)
        );
    }

    [Test]
    public async Task OperatorReview_QueueVerifyAndReject_KeepWhoWhenAndWhy()
    {
        var @operator = await TestRun.OperatorAsync();
        var accepted = await Actors.PendingEnterpriseAsync();
        var refused = await Actors.PendingEnterpriseAsync();

        var queue = await @operator.Enterprises.ListAsync(verification: "pending", pageSize: 500);
        Assert.That(queue.Items.Select(e => e.Id), Does.Contain(accepted.Created.Id).And.Contain(refused.Created.Id));
        Assert.That(queue.Items.Select(e => e.RegisteredAt), Is.Ordered, "oldest first");

        var verified = await @operator.Enterprises.VerifyAsync(
            accepted.Created.Id,
            new VerificationDecisionBody("Licence and ID card checked at the counter.")
        );
        var rejected = await @operator.Enterprises.RejectAsync(
            refused.Created.Id,
            new VerificationDecisionBody("The licence photo belongs to another firm.")
        );

        Assert.That(
            (verified.Verification, verified.VerificationMethod, verified.VerificationDecidedBy),
            Is.EqualTo(
                (EnterpriseVerification.Verified, VerificationMethod.OperatorReview, FinanceMatchApp.OperatorClientId)
            )
        );
        Assert.That(
            (rejected.Verification, rejected.VerificationNote),
            Is.EqualTo((EnterpriseVerification.Rejected, "The licence photo belongs to another firm."))
        );
        Assert.That(rejected.VerificationDecidedAt, Is.Not.Null);
        var events = await @operator.Credentials.ListEventsAsync(subjectId: refused.Created.Id);
        Assert.That(
            events.Items.Select(e => (e.Kind, e.ActorClientId)),
            Does.Contain((SecurityEventKind.EnterpriseRejected, (string?)FinanceMatchApp.OperatorClientId))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () =>
                @operator.Enterprises.VerifyAsync(refused.Created.Id, new VerificationDecisionBody("Changed my mind."))
        );
        Assert.That(
            (await @operator.Enterprises.ListAsync(verification: "pending", pageSize: 500)).Items.Select(e => e.Id),
            Does.Not.Contain(accepted.Created.Id).And.Not.Contain(refused.Created.Id)
        );
    }

    [Test]
    public async Task Decisions_AreOperatorsOnly_AndNeedANote()
    {
        var firm = await Actors.PendingEnterpriseAsync();
        var bank = await Actors.BankAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => firm.Client.Enterprises.VerifyAsync(firm.Created.Id, new VerificationDecisionBody("me"))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Enterprises.VerifyAsync(firm.Created.Id, new VerificationDecisionBody("me"))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => firm.Client.Enterprises.ListAsync(verification: "pending")
        );
        await Problems.ExpectFieldErrorAsync(
            "note",
            async () =>
                await (await TestRun.OperatorAsync()).Enterprises.VerifyAsync(
                    firm.Created.Id,
                    new VerificationDecisionBody("")
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "verification",
            async () => await (await TestRun.OperatorAsync()).Enterprises.ListAsync(verification: "bogus")
        );
        await Problems.ExpectFieldErrorAsync(
            "method",
            () =>
                firm.Client.Enterprises.SubmitVerificationAsync(
                    firm.Created.Id,
                    new SubmitVerificationBody(VerificationMethod.OperatorReview, null)
                ),
            HttpStatusCode.UnprocessableEntity
        );
    }

    [Test]
    public async Task AnotherFirmsVerification_Is404()
    {
        var mine = await Actors.PendingEnterpriseAsync();
        var theirs = await Actors.PendingEnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () =>
                mine.Client.Enterprises.SubmitVerificationAsync(
                    theirs.Created.Id,
                    new SubmitVerificationBody(
                        VerificationMethod.BusinessLicence,
                        Issuer.Assertion(theirs.Created.Uscc)
                    )
                )
        );
        Assert.That(
            (await theirs.Client.Enterprises.GetAsync(theirs.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Pending)
        );
    }

    [Test]
    public async Task Registration_BuildsNoProfile_EvenWhenDataExists()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        var batch = await Batches.PushAsync(
            department.Client,
            FeedType.Tax,
            $"uscc,period,taxPaid,taxableRevenue\n{uscc},{DateTime.UtcNow.AddMonths(-2):yyyy-MM},1000,50000\n",
            Batches.Csv
        );
        await Batches.FinishedAsync(department.Client, batch.Id);

        var squatter = await Actors.PendingEnterpriseAsync(Actors.EnterpriseRequest(uscc));

        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.credit_profiles WHERE uscc = $1", uscc),
            Is.Zero
        );
        await Actors.VerifyAsync(squatter);
        Assert.That(
            (await squatter.Client.Profiles.GetAsync(squatter.Created.Id)).DataCoverage.TaxMonths,
            Is.EqualTo(1),
            "verifying builds the profile from the data already received"
        );
    }
}
