using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

public sealed class DepartmentTests
{
    [Test]
    public async Task Operator_CreatesDepartment_WithItsFeedTypes()
    {
        var @operator = await TestRun.OperatorAsync();

        var created = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody(
                "Foshan Tax Bureau",
                Actors.UniqueCode("TAX"),
                [FeedType.SocialSecurity, FeedType.Tax, FeedType.Tax]
            )
        );

        Assert.That(created.FeedTypes, Is.EqualTo(new[] { FeedType.Tax, FeedType.SocialSecurity }));
        Assert.That(created.ClientId, Does.StartWith("dept_"));
        var signedIn = await TestRun.SignInAsync(created.ClientId, created.ClientSecret!);
        Assert.That((await signedIn.Departments.GetAsync(created.Id)).FeedTypes, Is.EqualTo(created.FeedTypes));
    }

    [Test]
    public async Task FeedTypesAreCamelCaseStringsOnTheWire()
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.PostAsync(
            new Uri("/api/v1/departments", UriKind.Relative),
            JsonContent.Create(
                new
                {
                    name = "Social Security Bureau",
                    code = Actors.UniqueCode("SS"),
                    feedTypes = new[] { "socialSecurity" },
                }
            )
        );

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"feedTypes\":[\"socialSecurity\"]"));
    }

    [Test]
    public async Task UnknownFeedType_Is400_AtItsPosition()
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.PostAsync(
            new Uri("/api/v1/departments", UriKind.Relative),
            JsonContent.Create(
                new
                {
                    name = "Bogus Bureau",
                    code = Actors.UniqueCode("BOG"),
                    feedTypes = new[] { "tax", "weather" },
                }
            )
        );

        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"feedTypes[1]\""));
    }

    [Test]
    public async Task NoFeedTypes_Is400()
    {
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectFieldErrorAsync(
            "feedTypes",
            () => @operator.Departments.CreateAsync(new CreateDepartmentBody("Empty", Actors.UniqueCode("E"), []))
        );
    }

    [Test]
    public async Task DuplicateCode_Is409()
    {
        var @operator = await TestRun.OperatorAsync();
        var code = Actors.UniqueCode("DD");
        await @operator.Departments.CreateAsync(new CreateDepartmentBody("One", code, [FeedType.Utility]));
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => @operator.Departments.CreateAsync(new CreateDepartmentBody("Two", code, [FeedType.Utility]))
        );
    }

    [Test]
    public async Task Create_ByNonOperator_Is403_AndWithoutToken_Is401()
    {
        var department = await Actors.DepartmentAsync();
        var request = new CreateDepartmentBody("X", Actors.UniqueCode("X"), [FeedType.Tax]);
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => department.Client.Departments.CreateAsync(request));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Departments.CreateAsync(request)
        );
    }

    [Test]
    public async Task AnotherDepartment_Is404()
    {
        var mine = await Actors.DepartmentAsync();
        var theirs = await Actors.DepartmentAsync();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => mine.Client.Departments.GetAsync(theirs.Created.Id));
    }

    [Test]
    public async Task BanksAndEnterprises_CannotReadDepartments_403()
    {
        var department = await Actors.DepartmentAsync();
        var bank = await Actors.BankAsync();
        var enterprise = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Departments.GetAsync(department.Created.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => enterprise.Client.Departments.ListAsync());
    }

    [Test]
    public async Task Operator_ListsDepartments()
    {
        var department = await Actors.DepartmentAsync(FeedType.Judicial);
        var @operator = await TestRun.OperatorAsync();
        var page = await @operator.Departments.ListAsync(pageSize: 500);
        Assert.That(
            page.Items.Single(d => d.Id == department.Created.Id).FeedTypes,
            Is.EqualTo(new[] { FeedType.Judicial })
        );
    }
}
