using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 9: a mixed, realistic workload driven by wrk from a second process on loopback, 200 connections for a fixed
/// time: tokens, catalogue reads, report reads, loan requests, bank decisions, bank inboxes, profile reads and feed
/// pushes; then the same tool against /health/live, the framework's own ceiling on this machine.
/// </summary>
internal static class MixedLoadBenchmark
{
    private const string OperatorId = "bench-operator";
    private const string OperatorSecret = "bench-operator-secret-123456";

    public static async Task RunAsync(string apiDll, string connectionString, int seconds, int connections)
    {
        await using var api = await ApiProcess.StartAsync(apiDll, connectionString, 5095, OperatorId, OperatorSecret);
        var anonymous = BenchmarkClients.For(api.BaseUrl);
        async Task<string> TokenAsync(string id, string secret) =>
            (await anonymous.Auth.GetTokenAsync(new TokenBody(id, secret))).AccessToken;
        var @operator = BenchmarkClients.For(api.BaseUrl, await TokenAsync(OperatorId, OperatorSecret));
        var clock = Stopwatch.StartNew();

        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody("Load Bureau", "LOAD-TAX", [FeedType.Tax])
        );
        var departmentToken = await TokenAsync(department.ClientId, department.ClientSecret!);
        var banks = new List<(CreatedInstitution Bank, string Token)>();
        for (var b = 0; b < 10; b++)
        {
            var bank = await @operator.Institutions.CreateAsync(
                new CreateInstitutionBody($"Load Bank {b}", $"LOAD-{b:00}")
            );
            var token = await TokenAsync(bank.ClientId, bank.ClientSecret!);
            var client = BenchmarkClients.For(api.BaseUrl, token);
            var product = await client.Products.CreateAsync(
                new ProductBody(
                    $"Load loan {b}",
                    "Working capital",
                    100_000m,
                    5_000_000m,
                    3,
                    60,
                    3.5m + b * 0.3m,
                    6m + b * 0.3m,
                    [GuaranteeType.Credit, GuaranteeType.Pledge],
                    ["44"],
                    null,
                    null,
                    ["load"]
                )
            );
            await client.Products.PublishAsync(product.Id);
            banks.Add((bank, token));
        }
        var firms = new List<(RegisteredEnterprise Firm, string Token)>();
        for (var i = 1; i <= 100; i++)
        {
            var firm = await anonymous.Enterprises.RegisterAsync(
                new RegisterEnterpriseBody(
                    Core.Common.Uscc.Compose("440604", (500_000 + i).ToString("D9", CultureInfo.InvariantCulture)),
                    $"Load Firm {i}",
                    "Rep",
                    "440604",
                    "C39",
                    new DateOnly(2012, 5, 1),
                    3_000_000m,
                    40
                )
            );
            await @operator.Enterprises.VerifyAsync(firm.Id, new VerificationDecisionBody("Benchmark firm."));
            var token = await TokenAsync(firm.ClientId, firm.ClientSecret!);
            await BenchmarkClients
                .For(api.BaseUrl, token)
                .Consents.GrantAsync(
                    firm.Id,
                    new GrantConsentBody(
                        banks[0].Bank.Id,
                        null,
                        [ConsentScope.Profile, ConsentScope.Tax],
                        ConsentPurpose.LoanAssessment,
                        DateTimeOffset.UtcNow.AddDays(60)
                    )
                );
            firms.Add((firm, token));
        }
        // Pending matches for the banks to decide on during the run: each request is matched to all ten banks.
        var requests = new List<Guid>();
        for (var i = 0; i < 250; i++)
            requests.Add(
                (
                    await BenchmarkClients
                        .For(api.BaseUrl, firms[i % firms.Count].Token)
                        .LoanRequests.SubmitAsync(Ask())
                ).Id
            );
        while (
            await BenchmarkSql.ScalarAsync(
                connectionString,
                "SELECT count(*) FROM financematch.loan_requests WHERE status = 'Matching'"
            ) > 0
        )
            await Task.Delay(200);
        var pending = new List<(Guid Match, string Token)>();
        foreach (var (bank, token) in banks)
        {
            var inbox = BenchmarkClients.For(api.BaseUrl, token);
            for (var page = 1; ; page++)
            {
                var matches = await inbox.Matches.ListAsync("pending", page, 100);
                pending.AddRange(matches.Items.Select(m => (m.Id, token)));
                if (matches.Items.Count < 100)
                    break;
            }
        }
        pending = [.. pending.OrderBy(p => p.Match)]; // interleave the banks
        Console.WriteLine(
            $"mixed load: setup {clock.Elapsed.TotalSeconds:0.0} s; 10 banks with a product each, 100 firms with consents, "
                + $"{pending.Count:N0} pending matches to decide; {connections} connections for {seconds} s"
        );

        var script = Path.Combine(Path.GetTempPath(), "financematch-mixed.lua");
        await File.WriteAllTextAsync(
            script,
            Script(firms, banks[0].Token, banks.Select(b => b.Token).ToList(), departmentToken, pending)
        );
        var ceiling = await Wrk.RunAsync($"{api.BaseUrl}/health/live", null, seconds, connections);
        var batchesBefore = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.feed_batches"
        );
        var requestsBefore = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.loan_requests"
        );
        var mixed = await Wrk.RunAsync($"{api.BaseUrl}/health/live", script, seconds, connections);

        Console.WriteLine();
        Console.WriteLine(
            $"| measurement ({connections} connections, wrk on loopback, {seconds} s) | requests/s | p50 | p95 | p99 | non-2xx | socket errors |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(ceiling.Row("GET /health/live (framework ceiling)"));
        Console.WriteLine(mixed.Row("mixed workload"));
        Console.WriteLine(
            $"mixed vs ceiling: {mixed.RequestsPerSecond / ceiling.RequestsPerSecond:0.000}×; during the run: "
                + $"{await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.loan_requests") - requestsBefore:N0} loan requests, "
                + $"{await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.feed_batches") - batchesBefore:N0} feed batches, "
                + $"{await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.matches WHERE status = 'UnderReview'"):N0} matches under review"
        );
        foreach (var line in mixed.Output.Split('\n').Where(l => l.StartsWith("mix ", StringComparison.Ordinal)))
            Console.WriteLine(line);
    }

    private static SubmitLoanRequestBody Ask() =>
        new(
            800_000m,
            24,
            "Working capital",
            [GuaranteeType.Credit],
            new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(60))
        );

    /// <summary>
    /// One request in twenty of each kind per slot: 2 tokens, 5 catalogue reads, 4 report reads, 2 loan requests, 1 bank
    /// decision (a pending match reviewed once: each wrk thread takes its own share of them), 2 bank inboxes, 3 profile
    /// reads and 1 feed push.
    /// </summary>
    private static string Script(
        List<(RegisteredEnterprise Firm, string Token)> firms,
        string reportBank,
        List<string> bankTokens,
        string departmentToken,
        List<(Guid Match, string Token)> pending
    )
    {
        static string Lua(string text) =>
            "\""
            + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            + "\"";
        var ask = JsonSerializer.Serialize(Ask(), FinanceMatchJson.Options);
        var period = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return $$"""
            local firms = { {{string.Join(
                ",\n",
                firms.Select(f =>
                    $"{{ id = {Lua(f.Firm.Id.ToString())}, token = {Lua(f.Token)}, clientId = {Lua(f.Firm.ClientId)}, secret = {Lua(f.Firm.ClientSecret!)}, uscc = {Lua(f.Firm.Uscc)} }}"
                )
            )}} }
            local banks = { {{string.Join(", ", bankTokens.Select(Lua))}} }
            local pending = { {{string.Join(
                ",\n",
                pending.Select(p => $"{{ {Lua(p.Match.ToString())}, {Lua(p.Token)} }}")
            )}} }
            local reportBank = {{Lua(reportBank)}}
            local department = {{Lua(departmentToken)}}
            local ask = {{Lua(ask)}}
            local threads = {}
            local counter = 1
            function setup(thread)
              thread:set("tid", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            local n = 0
            local decided = 0
            local json = { ["Content-Type"] = "application/json" }
            local function auth(token, extra)
              local h = { ["Authorization"] = "Bearer " .. token }
              if extra then for k, v in pairs(extra) do h[k] = v end end
              return h
            end
            local function catalogue()
              return wrk.format("GET", "/api/v1/products?amount=" .. (100000 * (1 + n % 40)) .. "&pageSize=20")
            end
            request = function()
              n = n + 1
              local slot = n % 20
              local firm = firms[(n % #firms) + 1]
              if slot < 2 then
                return wrk.format("POST", "/api/v1/auth/token", json, '{"clientId":"' .. firm.clientId .. '","clientSecret":"' .. firm.secret .. '"}')
              elseif slot < 7 then
                return catalogue()
              elseif slot < 11 then
                return wrk.format("GET", "/api/v1/enterprises/" .. firm.id .. "/report", auth(reportBank))
              elseif slot < 13 then
                return wrk.format("POST", "/api/v1/loan-requests", auth(firm.token, json), ask)
              elseif slot < 14 then
                local i = tid + decided * 2
                decided = decided + 1
                if i > #pending then return catalogue() end
                return wrk.format("POST", "/api/v1/matches/" .. pending[i][1] .. "/review", auth(pending[i][2]))
              elseif slot < 16 then
                return wrk.format("GET", "/api/v1/matches?status=pending&pageSize=20", auth(banks[(n % #banks) + 1]))
              elseif slot < 19 then
                return wrk.format("GET", "/api/v1/enterprises/" .. firm.id .. "/profile", auth(firm.token))
              else
                return wrk.format("POST", "/api/v1/feeds/tax/batches", auth(department, { ["Content-Type"] = "text/csv" }),
                  "uscc,period,taxPaid,taxableRevenue\n" .. firm.uscc .. ",{{period}}," .. (20000 + n % 1000) .. ",600000\n")
              end
            end
            function done(summary, latency, requests)
              io.write(string.format("mix p50=%.1fms p95=%.1fms p99=%.1fms\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
                latency:percentile(99) / 1000))
            end
            """;
    }
}
