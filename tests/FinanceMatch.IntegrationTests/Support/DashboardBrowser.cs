using Microsoft.Playwright;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>
/// The dashboard as a person sees it: the test run's app (on a real Kestrel on loopback) in Debian's Chromium, headless,
/// driven by Playwright.
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumPaths =
    [
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, string baseUrl) =>
        (this.playwright, this.browser, BaseUrl) = (playwright, browser, baseUrl);

    public string BaseUrl { get; }

    public static async Task<DashboardBrowser> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath(),
                Headless = true,
                // Root in a container has no user namespaces for the sandbox; nothing here may reach the network.
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--no-first-run",
                ],
            }
        );
        return new DashboardBrowser(playwright, browser, TestRun.BaseAddress.ToString().TrimEnd('/'));
    }

    /// <summary>
    /// A fresh page (its own session storage) on the dashboard, and the errors it writes to its console (a script or style
    /// the content security policy blocked, a failed request) or throws.
    /// </summary>
    public async Task<(IPage Page, IReadOnlyList<string> Errors)> OpenAsync()
    {
        var page = await browser.NewPageAsync(
            new BrowserNewPageOptions
            {
                ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            }
        );
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                lock (errors)
                    errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
                errors.Add(error);
        };
        await page.GotoAsync($"{BaseUrl}/dashboard");
        return (page, errors);
    }

    /// <summary>Signs in through the form and waits until the page says every figure is drawn.</summary>
    public static async Task SignInAsync(IPage page, string clientId, string clientSecret)
    {
        await SubmitSignInAsync(page, clientId, clientSecret);
        await page.WaitForSelectorAsync("body[data-state=ready]", new PageWaitForSelectorOptions { Timeout = 20_000 });
    }

    /// <summary>Signs in through the form, expecting to be turned away; the message the page shows.</summary>
    public static async Task<string> SignInRefusedAsync(IPage page, string clientId, string clientSecret)
    {
        await SubmitSignInAsync(page, clientId, clientSecret);
        await page.WaitForSelectorAsync(
            "#sign-in-error:not([hidden])",
            new PageWaitForSelectorOptions { Timeout = 20_000 }
        );
        return await page.TextContentAsync("#sign-in-error") ?? "";
    }

    private static async Task SubmitSignInAsync(IPage page, string clientId, string clientSecret)
    {
        await page.FillAsync("#client-id", clientId);
        await page.FillAsync("#client-secret", clientSecret);
        // The form hides any earlier error as it submits, so waiting for an error afterwards sees only this attempt's.
        await page.ClickAsync("#sign-in button[type=submit]");
    }

    /// <summary>A full-page screenshot attached to the test's results (scripts/test.sh keeps them under TestResults/).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    private static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("FINANCEMATCH_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : ChromiumPaths.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException(
                    "Chromium is not installed: scripts/test.sh installs Debian's chromium package, or set FINANCEMATCH_CHROMIUM."
                );

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
