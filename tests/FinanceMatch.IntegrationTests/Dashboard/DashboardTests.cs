using System.Globalization;
using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Dashboard;

/// <summary>The dashboard in a real headless Chromium: sign in, charts drawn with the right numbers, a screenshot kept.</summary>
public sealed class DashboardTests
{
    private static DashboardBrowser browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowser() => browser = await DashboardBrowser.StartAsync();

    [OneTimeTearDown]
    public async Task StopBrowser() => await browser.DisposeAsync();

    [Test]
    public async Task ABank_SignsIn_AndSeesItsOwnFigures_AsCharts()
    {
        var world = await KnownWorld.SeedAsync("Dashboard Bank", "Dashboard loan");
        var (page, errors) = await browser.OpenAsync();

        await DashboardBrowser.SignInAsync(page, world.Bank.Created.ClientId, world.Bank.Created.ClientSecret!);
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-bank");

        var funnel = await page.EvaluateAsync<double[]>(
            "() => window.financeMatchDashboard.charts.funnel.data.datasets[0].data"
        );
        Assert.That(funnel, Is.EqualTo(new double[] { 3, 3, 1, 1 }), "requested → matched → approved → disbursed");
        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.That(
            await page.EvaluateAsync<string[]>("() => window.financeMatchDashboard.charts.months.data.labels"),
            Has.Member(month)
        );
        var amounts = await page.EvaluateAsync<double[]>(
            "m => window.financeMatchDashboard.charts.months.data.datasets.map(d => d.data[window.financeMatchDashboard.charts.months.data.labels.indexOf(m)])",
            month
        );
        Assert.That(
            amounts,
            Is.EqualTo(
                new[]
                {
                    (double)world.Requests.Sum(r => r.Amount),
                    (double)world.ApprovedAmount,
                    (double)world.DisbursedAmount,
                }
            )
        );
        Assert.That(
            await page.EvaluateAsync<string[]>("() => window.financeMatchDashboard.charts.institution.data.labels"),
            Is.EqualTo(new[] { "Dashboard Bank" }),
            "a bank sees only its own institution"
        );
        Assert.That(
            await page.EvaluateAsync<string[]>("() => window.financeMatchDashboard.charts.grade.data.labels"),
            Is.EqualTo(new[] { "unrated" })
        );
        Assert.That(
            await page.EvaluateAsync<double[]>(
                "() => window.financeMatchDashboard.charts.division.data.datasets[0].data"
            ),
            Is.EqualTo(new double[] { 3 })
        );
        Assert.That(await page.TextContentAsync("[data-figure='Approval rate'] .value"), Is.EqualTo("50%"));
        Assert.That(
            await page.TextContentAsync("[data-figure='Median hours to first response'] .value"),
            Is.EqualTo("4.0")
        );
        Assert.That(
            await page.TextContentAsync("[data-figure='Referrals (matched / funded)'] .value"),
            Is.EqualTo("0 (0 / 0)"),
            "no request of this bank's world was referred"
        );
        Assert.That(await page.IsVisibleAsync("#feeds"), Is.False, "feed health is for operators");
        Assert.That(await page.IsVisibleAsync("#jobs"), Is.False, "the job dashboard is for operators");
        Assert.That(await page.IsVisibleAsync("#sign-in"), Is.False, "the form gives way to the figures");
        Assert.That(
            await page.GetAttributeAsync("[data-figure='Disbursed']", "title"),
            Is.EqualTo("¥" + world.DisbursedAmount.ToString("#,##0", CultureInfo.InvariantCulture)),
            "the exact amount behind the short one"
        );
        Assert.That(
            await DrawnChartsAsync(page),
            Is.EquivalentTo(new[] { "funnel", "months", "institution", "division", "industry", "grade", "loans" })
        );
        Assert.That(
            await page.EvaluateAsync<string[]>("() => window.financeMatchDashboard.charts.loans.data.labels"),
            Is.EqualTo(new[] { "Dashboard Bank" })
        );
        Assert.That(
            await page.EvaluateAsync<double[]>("() => window.financeMatchDashboard.charts.loans.data.datasets[0].data"),
            Is.EqualTo(new double[] { 1 }),
            "the one loan paid out is repaying"
        );
        Assert.That(await page.TextContentAsync("[data-figure='Loans'] .value"), Is.EqualTo("1"));
        Assert.That(errors, Is.Empty, "the page runs under its content security policy without errors");
    }

    [Test]
    public async Task AnOperator_SeesFeedHealth_WithQuietFeedsFlagged()
    {
        var @operator = await TestRun.OperatorAsync();
        var name = $"Dashboard Bureau {Actors.UniqueCode("D")}";
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody(name, Actors.UniqueCode("DEPT"), [FeedType.Tax, FeedType.Penalty])
        );
        var bureau = await TestRun.SignInAsync(department.ClientId, department.ClientSecret!);
        var uscc = Usccs.Next();
        await Batches.FinishedAsync(
            bureau,
            (
                await Batches.PushAsync(
                    bureau,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Batches.Month(1)},100,2000\n{uscc},{Batches.Month(2)},-1,2000\n",
                    Batches.Csv
                )
            ).Id
        );
        var (page, _) = await browser.OpenAsync();

        await DashboardBrowser.SignInAsync(page, FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        await DashboardBrowser.ScreenshotAsync(page, "dashboard-operator");

        Assert.That(await page.TextContentAsync("#scope"), Is.EqualTo("All institutions"));
        var rows = await page.Locator("#feed-table tbody tr").AllInnerTextsAsync();
        var mine = rows.Where(r => r.StartsWith(name, StringComparison.Ordinal)).Select(r => r.Split('\t')).ToList();
        var tax = mine.Single(cells => cells[1] == "tax");
        Assert.That((tax[2], tax[4], tax[5], tax[7]), Is.EqualTo(("1", "1", "1", "receiving")));
        Assert.That(
            mine.Single(cells => cells[1] == "penalty")[7],
            Does.StartWith("quiet"),
            "a feed that never arrived is quiet"
        );
        var feedChart = await page.EvaluateAsync<string[]>(
            "() => window.financeMatchDashboard.charts.feeds.data.labels"
        );
        Assert.That(feedChart, Has.Member($"{name} · tax"));
        Assert.That(await DrawnChartsAsync(page), Has.Member("feeds"));

        // The job dashboard opens from here: the page hands its token to a cookie that only /hangfire reads.
        var jobs = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#jobs"));
        await jobs.WaitForLoadStateAsync();
        Assert.That(await jobs.TitleAsync(), Does.Contain("FinanceMatch jobs"));
    }

    [Test]
    public async Task ABank_DownloadsAChartsFigures_AsCsvAndXlsx_UnderItsOwnToken()
    {
        var world = await KnownWorld.SeedAsync("下载测试银行", "Download loan");
        var (page, errors) = await browser.OpenAsync();
        await DashboardBrowser.SignInAsync(page, world.Bank.Created.ClientId, world.Bank.Created.ClientSecret!);

        var csv = await page.RunAndWaitForDownloadAsync(() =>
            page.ClickAsync("[data-export='/api/v1/stats/breakdown/export?by=institution'] button[data-format=csv]")
        );
        Assert.That(csv.SuggestedFilename, Does.Match(@"^financematch-breakdown-institution-\d{4}-\d{2}-\d{2}\.csv$"));
        var bytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Does.Contain(",下载测试银行,3,"));

        var xlsx = await page.RunAndWaitForDownloadAsync(() =>
            page.ClickAsync("[data-export='/api/v1/stats/overview/export'] button[data-format=xlsx]")
        );
        Assert.That(xlsx.SuggestedFilename, Does.Match(@"^financematch-statistics-\d{4}-\d{2}-\d{2}\.xlsx$"));
        Assert.That(errors, Is.Empty, "the downloads run under the content security policy without errors");
    }

    [Test]
    public async Task WrongCredentials_AndFirms_AreTurnedAway()
    {
        var (page, _) = await browser.OpenAsync();
        Assert.That(
            await DashboardBrowser.SignInRefusedAsync(page, FinanceMatchApp.OperatorClientId, "not-the-secret"),
            Is.Not.Empty
        );
        Assert.That(await page.IsVisibleAsync("#dashboard"), Is.False);

        var firm = await Actors.EnterpriseAsync();
        Assert.That(
            await DashboardBrowser.SignInRefusedAsync(page, firm.Created.ClientId, firm.Created.ClientSecret!),
            Is.EqualTo("The dashboard is for operators and banks.")
        );
        Assert.That(await page.IsVisibleAsync("#dashboard"), Is.False);
    }

    [Test]
    public async Task ThePage_IsServedWithAStrictContentSecurityPolicy()
    {
        using var http = TestRun.Http();
        var response = await http.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(
            policy,
            Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline")
        );
        var script = await http.GetAsync(new Uri("/dashboard/dashboard.js", UriKind.Relative));
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(
            script.Content.Headers.ContentLength,
            Is.GreaterThan(100_000),
            "Chart.js is bundled in, nothing is fetched at run time"
        );
    }

    /// <summary>The charts whose canvas holds at least one painted pixel.</summary>
    private static Task<string[]> DrawnChartsAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<string[]>(
            """
            () => Object.entries(window.financeMatchDashboard.charts)
              .filter(([, chart]) => { const c = chart.canvas; return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v !== 0); })
              .map(([name]) => name)
            """
        );
}
