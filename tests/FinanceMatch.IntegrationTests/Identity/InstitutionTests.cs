using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

public sealed class InstitutionTests
{
    [Test]
    public async Task Operator_CreatesInstitution_WithCredentialsShownOnce()
    {
        var @operator = await TestRun.OperatorAsync();
        var code = Actors.UniqueCode("bk");

        var created = await @operator.Institutions.CreateAsync(new CreateInstitutionBody("  Bank of Jiangmen ", code));

        Assert.That(created.Name, Is.EqualTo("Bank of Jiangmen"));
        Assert.That(created.Code, Is.EqualTo(code.ToUpperInvariant()));
        Assert.That(created.ClientId, Does.StartWith("bank_"));
        var fetched = await @operator.Http.GetStringAsync(
            new Uri($"/api/v1/institutions/{created.Id}", UriKind.Relative)
        );
        Assert.That(fetched, Does.Not.Contain("clientSecret").And.Not.Contain(created.ClientSecret!));
        Assert.That(
            await @operator.Institutions.GetAsync(created.Id),
            Is.EqualTo(new InstitutionDto(created.Id, created.Name, created.Code, created.CreatedAt))
        );
    }

    [Test]
    public async Task Create_ReturnsLocationOfTheNewInstitution()
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.PostAsJsonAsync(
            "/api/v1/institutions",
            new CreateInstitutionBody("Located Bank", Actors.UniqueCode("LOC")),
            Client.FinanceMatchJson.Options
        );

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await response.Content.ReadFromJsonAsync<CreatedInstitution>(Client.FinanceMatchJson.Options);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/institutions/{created!.Id}"));
    }

    [Test]
    public async Task DuplicateCode_Is409_AndCreatesNothing()
    {
        var @operator = await TestRun.OperatorAsync();
        var code = Actors.UniqueCode("DUP");
        await @operator.Institutions.CreateAsync(new CreateInstitutionBody("First", code));

        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => @operator.Institutions.CreateAsync(new CreateInstitutionBody("Second", code.ToLowerInvariant()))
        );

        var all = await @operator.Institutions.ListAsync(pageSize: 500);
        Assert.That(all.Items.Count(i => i.Code == code), Is.EqualTo(1));
    }

    [Test]
    public async Task InvalidBody_Is400_NamingEachField()
    {
        var @operator = await TestRun.OperatorAsync();
        var problem = await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => @operator.Institutions.CreateAsync(new CreateInstitutionBody("", "bad code!"))
        );

        var errors = problem.GetProperty("errors");
        Assert.That(errors.TryGetProperty("name", out _), Is.True, errors.ToString());
        Assert.That(errors.TryGetProperty("code", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task Create_WithoutToken_Is401()
    {
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Institutions.CreateAsync(new CreateInstitutionBody("X", Actors.UniqueCode("X")))
        );
    }

    [Test]
    public async Task Create_ByBankDepartmentOrEnterprise_Is403()
    {
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync();
        var enterprise = await Actors.EnterpriseAsync();
        foreach (var client in new[] { bank.Client, department.Client, enterprise.Client })
        {
            await Problems.ExpectAsync(
                HttpStatusCode.Forbidden,
                () => client.Institutions.CreateAsync(new CreateInstitutionBody("X", Actors.UniqueCode("X")))
            );
        }
    }

    [Test]
    public async Task AnyAuthenticatedParty_ListsAndReadsPublicFields()
    {
        var bank = await Actors.BankAsync("Listed Bank");
        var enterprise = await Actors.EnterpriseAsync();

        var page = await enterprise.Client.Institutions.ListAsync(page: 1, pageSize: 500);
        Assert.That(page.Items.Select(i => i.Id), Does.Contain(bank.Created.Id));
        Assert.That(page.Page, Is.EqualTo(1));
        Assert.That(page.PageSize, Is.EqualTo(500));
        Assert.That(page.TotalCount, Is.GreaterThanOrEqualTo(page.Items.Count));
        Assert.That((await enterprise.Client.Institutions.GetAsync(bank.Created.Id)).Name, Is.EqualTo("Listed Bank"));
    }

    [Test]
    public async Task List_WithoutToken_Is401()
    {
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => TestRun.Anonymous().Institutions.ListAsync());
    }

    [TestCase(0, 50, "page")]
    [TestCase(1, 0, "pageSize")]
    [TestCase(1, 501, "pageSize")]
    public async Task List_WithPagingOutOfRange_Is400(int page, int pageSize, string field)
    {
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync(field, () => @operator.Institutions.ListAsync(page, pageSize));
    }

    [Test]
    public async Task List_WithPagingThatIsNotANumber_Is400()
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.GetAsync(
            new Uri("/api/v1/institutions?page=first", UriKind.Relative)
        );
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"page\""));
    }

    [Test]
    public async Task Get_UnknownId_Is404()
    {
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => @operator.Institutions.GetAsync(Guid.NewGuid()));
    }
}
