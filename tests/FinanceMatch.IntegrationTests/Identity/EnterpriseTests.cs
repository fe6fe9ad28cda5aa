using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

public sealed class EnterpriseTests
{
    [TestCase("91350100M000100Y43")]
    [TestCase("914403001922038216")]
    [TestCase("91110000802100433B")]
    public async Task RealUscc_PendingClaimsCoexist_OnceVerifiedANewRegistrationIs409(string uscc)
    {
        // No other test registers these codes, so the first two claims are both pending and neither holds the USCC.
        var first = await Actors.PendingEnterpriseAsync(Actors.EnterpriseRequest(uscc));
        var second = await Actors.PendingEnterpriseAsync(Actors.EnterpriseRequest(uscc));
        Assert.That(
            (first.Created.Verification, second.Created.Verification),
            Is.EqualTo((EnterpriseVerification.Pending, EnterpriseVerification.Pending))
        );

        await Actors.VerifyAsync(first);

        var problem = await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => TestRun.Anonymous().Enterprises.RegisterAsync(Actors.EnterpriseRequest(uscc))
        );
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("USCC"));
        Assert.That(
            (await second.Client.Enterprises.GetAsync(second.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Rejected)
        );
    }

    [Test]
    public async Task Register_Anonymously_ReturnsFirmAndCredentials()
    {
        var request = Actors.EnterpriseRequest() with { Uscc = Usccs.Next().ToLowerInvariant(), IndustryCode = "c39" };

        var registered = await TestRun.Anonymous().Enterprises.RegisterAsync(request);

        Assert.That(registered.Uscc, Is.EqualTo(request.Uscc.ToUpperInvariant()));
        Assert.That(registered.IndustryCode, Is.EqualTo("C39"));
        Assert.That(registered.RegisteredCapital, Is.EqualTo(5_000_000m));
        Assert.That(registered.EstablishedOn, Is.EqualTo(new DateOnly(2015, 3, 18)));
        Assert.That(registered.ClientId, Does.StartWith("ent_"));
        var self = await TestRun.SignInAsync(registered.ClientId, registered.ClientSecret!);
        var fetched = await self.Enterprises.GetAsync(registered.Id);
        Assert.That(fetched.Uscc, Is.EqualTo(registered.Uscc));
        Assert.That(fetched.Employees, Is.EqualTo(42));
    }

    [Test]
    public async Task WrongCheckCharacter_Is400OnUscc()
    {
        var valid = Usccs.Next();
        var corrupted = valid[..17] + (valid[17] == '0' ? '1' : '0');
        var messages = await Problems.ExpectFieldErrorAsync(
            "uscc",
            () => TestRun.Anonymous().Enterprises.RegisterAsync(Actors.EnterpriseRequest(corrupted))
        );
        Assert.That(messages.Single(), Does.Contain("check character"));
    }

    [TestCase("divisionCode", "4406")]
    [TestCase("divisionCode", "990000")]
    [TestCase("industryCode", "C99")]
    [TestCase("industryCode", "Z01")]
    [TestCase("name", "")]
    [TestCase("legalRepresentative", "")]
    public async Task InvalidField_Is400NamingIt(string field, string value)
    {
        var request = field switch
        {
            "divisionCode" => Actors.EnterpriseRequest() with { DivisionCode = value },
            "industryCode" => Actors.EnterpriseRequest() with { IndustryCode = value },
            "name" => Actors.EnterpriseRequest() with { Name = value },
            _ => Actors.EnterpriseRequest() with { LegalRepresentative = value },
        };
        await Problems.ExpectFieldErrorAsync(field, () => TestRun.Anonymous().Enterprises.RegisterAsync(request));
    }

    [Test]
    public async Task FutureFoundingDate_NegativeCapitalAndThreeDecimals_Are400()
    {
        var anonymous = TestRun.Anonymous();
        await Problems.ExpectFieldErrorAsync(
            "establishedOn",
            () =>
                anonymous.Enterprises.RegisterAsync(
                    Actors.EnterpriseRequest() with
                    {
                        EstablishedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2),
                    }
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "registeredCapital",
            () => anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest() with { RegisteredCapital = -1m })
        );
        await Problems.ExpectFieldErrorAsync(
            "registeredCapital",
            () => anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest() with { RegisteredCapital = 100.125m })
        );
        await Problems.ExpectFieldErrorAsync(
            "employees",
            () => anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest() with { Employees = -3 })
        );
    }

    [Test]
    public async Task MissingBodyFields_Are400_NotDefaults()
    {
        using var http = TestRun.Http();
        using var response = await http.PostAsync(
            new Uri("/api/v1/enterprises", UriKind.Relative),
            JsonContent.Create(new { uscc = Usccs.Next() })
        );
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(
            body,
            Does.Contain("\"establishedOn\"").And.Contain("\"registeredCapital\"").And.Contain("\"divisionCode\"")
        );
    }

    [Test]
    public async Task AnotherEnterprise_Is404()
    {
        var mine = await Actors.EnterpriseAsync();
        var theirs = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => mine.Client.Enterprises.GetAsync(theirs.Created.Id));
    }

    [Test]
    public async Task Bank_WithoutConsent_Is404()
    {
        var bank = await Actors.BankAsync();
        var enterprise = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => bank.Client.Enterprises.GetAsync(enterprise.Created.Id)
        );
    }

    [Test]
    public async Task Department_Is403_Anonymous_Is401()
    {
        var department = await Actors.DepartmentAsync();
        var enterprise = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => department.Client.Enterprises.GetAsync(enterprise.Created.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Enterprises.GetAsync(enterprise.Created.Id)
        );
    }

    [Test]
    public async Task Operator_ReadsAndFindsByUscc_OthersMayNotList()
    {
        var enterprise = await Actors.EnterpriseAsync();
        var @operator = await TestRun.OperatorAsync();

        Assert.That(
            (await @operator.Enterprises.GetAsync(enterprise.Created.Id)).Name,
            Is.EqualTo(enterprise.Created.Name)
        );
        var found = await @operator.Enterprises.ListAsync(uscc: enterprise.Created.Uscc);
        Assert.That(found.Items.Select(e => e.Id), Is.EqualTo(new[] { enterprise.Created.Id }));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => enterprise.Client.Enterprises.ListAsync());
    }
}
