using System.Diagnostics;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>`scripts/run.sh --demo` loads its world through the real API: run the loader against API and worker processes of their own.</summary>
[NonParallelizable]
public sealed class DemoDataTests
{
    [Test]
    public async Task TheDemoLoader_BuildsAWorld_WithAMarketplaceAndItsFunnel()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>()
        );
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            new Dictionary<string, string> { ["Profiles__RebuildDelaySeconds"] = "1" }
        );
        var credentials = Path.Combine(Path.GetTempPath(), $"demo-credentials-{Guid.NewGuid():N}.txt");

        var start = new ProcessStartInfo(
            "dotnet",
            [
                WorkerProcess.BuiltAssembly("FinanceMatch.DemoData"),
                api.BaseAddress!.ToString().TrimEnd('/'),
                FinanceMatchApp.OperatorClientId,
                FinanceMatchApp.OperatorSecret,
                "36",
            ]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["FINANCEMATCH_DEMO_CREDENTIALS"] = credentials;
        start.Environment["ConnectionStrings__FinanceMatch"] = database.ConnectionString;
        foreach (var (key, value) in FakeLicenceIssuer.Instance.SigningEnvironment(Path.GetTempPath()))
            start.Environment[key] = value;
        using var loader = Process.Start(start)!;
        var output = loader.StandardOutput.ReadToEndAsync();
        var errors = loader.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
        {
            try
            {
                await loader.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                loader.Kill(entireProcessTree: true);
                Assert.Fail("The demo loader did not finish within three minutes:\n" + await output);
            }
        }

        Assert.That(loader.ExitCode, Is.Zero, await output + await errors);
        Assert.That(await output, Does.Contain("12 products published"));
        Assert.That(File.ReadAllText(credentials), Does.Contain("bank       DEMO-BOF"));
        Assert.That(File.ReadAllText(credentials), Does.Contain("guarantor  DEMO-FSFG"));
        File.Delete(credentials);
        var client = await TestRun.SignInAsync(
            api.BaseAddress!,
            FinanceMatchApp.OperatorClientId,
            FinanceMatchApp.OperatorSecret
        );
        var overview = await client.Statistics.GetOverviewAsync();
        Assert.That(
            overview.LoanRequests,
            Is.EqualTo(120),
            "each of the 30 registered firms (five in six of 36) asked for a loan, and three times before in the history"
        );
        Assert.That(overview.MatchedRequests, Is.GreaterThan(0));
        Assert.That(overview.ApprovedMatches, Is.GreaterThan(0));
        Assert.That(overview.DisbursedLoans, Is.GreaterThan(0));
        Assert.That(overview.Institutions, Is.EqualTo(5), "four banks and a guarantor");
        var loans = (await client.Statistics.GetLoansAsync()).Rows.Single();
        Assert.That(loans.Loans, Is.EqualTo(overview.DisbursedLoans), "every disbursed match is a loan");
        Assert.That(loans.CoveredLoans, Is.EqualTo(loans.Loans), "the bureau's fund covers the demo's Guangdong loans");
        Assert.That(await output, Does.Contain("loans followed"));
        var programme = (await client.RiskProgrammes.ListAsync()).Items.Single();
        Assert.That(programme.Reserved + programme.Paid, Is.GreaterThan(0m));
        // Issue 18's layer: the pool listed firms, the three policies reserved money on loans, the hall was worked.
        Assert.That(await output, Does.Match(@"Cultivation pool [0-9a-f-]+: \d+ firms listed"));
        var policies = (await client.Policies.ListAsync()).Items;
        Assert.That(policies, Has.Count.EqualTo(3));
        Assert.That(policies.Sum(p => p.Reserved + p.Paid), Is.GreaterThan(0m), "policies reserved money on loans");
        Assert.That(overview.PolicyMoneyCommitted, Is.GreaterThan(0m));
        Assert.That(await output, Does.Match(@"Demand hall: \d+ interests, \d+ confirmed"));
        Assert.That(await output, Does.Match(@"Subsidy claims: \d+ filed"));
        // The history: the loans paid out today are spread over two years, their months before this one reported.
        Assert.That(await output, Does.Contain($"History: {loans.Loans} loans spread over the last two years"));
        Assert.That(await output, Does.Match(@"Credit repair of \S+: Approved on \d{4}-\d{2}-\d{2}"));
        Assert.That(await output, Does.Match(@"Objection to tax \d{4}-\d{2}: Corrected by CorrectedRecord"));
        await using (var db = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await db.OpenAsync();
            // The demo's firms are scored by 2027.1, and its new data moves their scores.
            foreach (
                var factor in new[]
                {
                    "housingFundContributorsLatest",
                    "intellectualProperty",
                    "honours",
                    "aLevelTaxpayer",
                }
            )
            {
                await using var count = new Npgsql.NpgsqlCommand(
                    """
                    SELECT count(*) FROM financematch.credit_profiles p, jsonb_array_elements(p.factors) f
                    WHERE p.model_version = '2027.1' AND f ->> 'code' = $1 AND (f ->> 'impact')::int <> 0
                    """,
                    db
                )
                {
                    Parameters = { new() { Value = factor } },
                };
                Assert.That((long)(await count.ExecuteScalarAsync())!, Is.GreaterThan(0), factor);
            }
        }
        var book = (await client.Loans.ListAsync(pageSize: 100)).Items;
        var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var older = book.Where(l => l.DisbursedOn < thisMonth && l.LastPeriod is not null).ToList();
        Assert.That(older, Is.Not.Empty, "some loan went back a month or more (each goes back 0–23 months)");
        foreach (var loan in older)
            Assert.That(
                (await client.Loans.ListPerformanceAsync(loan.Id)).Count,
                Is.GreaterThan(1),
                "an aged loan has its months before this one reported"
            );
    }
}
