using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using FinanceMatch.Api.Features.Matching;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Profiles;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 6: with 10,000 published products from 100 banks, the server-side time to match one request (p50/p95/p99, from
/// the engine's own log line) and the sustained rate of matched requests, against pgbench running the engine's own
/// query on the same PostgreSQL in the same run (the floor).
/// </summary>
internal static partial class MatchingBenchmark
{
    private const string OperatorId = "bench-operator";
    private const string OperatorSecret = "bench-operator-secret-123456";
    private static readonly string[] Divisions = ["440604", "440606", "440703", "440305", "440106", "350100"];
    private static readonly string[] Industries = ["C39", "C35", "F51", "C13", "I65", "E48"];

    public static async Task RunAsync(string apiDll, string connectionString, int products, int requests)
    {
        const int banks = 100;
        const int firms = 200;
        Console.WriteLine(
            $"matching: {(products > 0 ? $"{products:N0} published products from {banks} banks" : "the published catalogue already there")}; {firms} firms; {requests:N0} requests for the throughput run"
        );
        await using var api = await ApiProcess.StartAsync(apiDll, connectionString, 5097, OperatorId, OperatorSecret);
        var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var anonymous = new FinanceMatchClient(http);
        var @operator = BenchmarkClients.For(
            api.BaseUrl,
            (await anonymous.Auth.GetTokenAsync(new TokenBody(OperatorId, OperatorSecret))).AccessToken
        );

        var clock = Stopwatch.StartNew();
        for (var b = 0; b < banks; b++)
            await @operator.Institutions.CreateAsync(
                new CreateInstitutionBody($"Bench Bank {b}", BenchmarkRun.Code($"BENCH-{b:000}"))
            );
        await GenerateProductsAsync(connectionString, products);
        var firmClients = await RegisterFirmsAsync(anonymous, @operator, connectionString, api.BaseUrl, firms);
        Console.WriteLine(
            $"  setup (banks through the API, products in SQL, {firms} firms with 12 months of tax registered through the API): {clock.Elapsed.TotalSeconds:0.0} s"
        );

        var floorLatency = await PgbenchAsync(connectionString, clients: 1, seconds: 10);
        var floorThroughput = await PgbenchAsync(connectionString, clients: 8, seconds: 10);

        // "What do I qualify for?" (issue 18): GET /products?eligibleFor=me, one call at a time, for a loan and without
        // one, against pgbench running the same text (its every-product variants) for the same asks, one client.
        var eligibleFloorForAsk = await PgbenchAsync(
            connectionString,
            clients: 1,
            seconds: 5,
            BestProductOfEachBankQuery.EveryProductForAsk
        );
        var eligibleFloorForFirm = await PgbenchAsync(
            connectionString,
            clients: 1,
            seconds: 5,
            BestProductOfEachBankQuery.EveryProductForFirm
        );
        var (eligibleForAsk, eligibleForFirm) = (new List<double>(), new List<double>());
        for (var i = 0; i < 220; i++)
        {
            var firm = firmClients[i % firmClients.Count];
            var ask = Ask(i);
            var started = Stopwatch.GetTimestamp();
            if (i % 2 == 0)
                await firm.Products.ListEligibleAsync(ask.Amount, ask.TermMonths, "credit", pageSize: 20);
            else
                await firm.Products.ListEligibleAsync(pageSize: 20);
            if (i >= 20) // the first calls warm plans and connections
                (i % 2 == 0 ? eligibleForAsk : eligibleForFirm).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Latency: one request at a time, so each is matched on an idle engine.
        var logStart = ApiProcess.Log.Count;
        var sequential = 200;
        var endToEnd = new List<double>();
        for (var i = 0; i < sequential; i++)
        {
            var firm = firmClients[i % firmClients.Count];
            var started = Stopwatch.GetTimestamp();
            var submitted = await firm.LoanRequests.SubmitAsync(Ask(i));
            while ((await firm.LoanRequests.GetAsync(submitted.Id)).Status == LoanRequestStatus.Matching)
                await Task.Delay(5);
            endToEnd.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var serverSide = MatchTimes(logStart);
        var matchesMade = MatchCounts(logStart);
        Console.WriteLine(
            $"  latency run: {sequential} requests one at a time; banks with a matching product per request: median {Percentile(matchesMade.Banks, 50):0}, "
                + $"matches made: median {Percentile(matchesMade.Matches, 50):0}"
        );

        // Throughput: many requests at once from 32 concurrent clients; the rate is requests matched per second from the
        // first submission to the last request leaving 'matching'.
        logStart = ApiProcess.Log.Count;
        var submittedIds = new ConcurrentBag<Guid>();
        var statementStatistics = await BenchmarkSql.ResetStatementStatisticsAsync(connectionString);
        var cpu = CpuAccount.Start(api);
        clock.Restart();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, requests),
            new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, ct) =>
                submittedIds.Add(
                    (
                        await firmClients[i % firmClients.Count].LoanRequests.SubmitAsync(Ask(i), cancellationToken: ct)
                    ).Id
                )
        );
        var submitSeconds = clock.Elapsed.TotalSeconds;
        long waiting;
        while (
            (
                waiting = await BenchmarkSql.ScalarAsync(
                    connectionString,
                    "SELECT count(*) FROM financematch.loan_requests WHERE status = 'Matching'"
                )
            ) > 0
        )
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"{waiting} requests still matching");
            await Task.Delay(20);
        }
        var allMatchedSeconds = clock.Elapsed.TotalSeconds;
        var underLoad = MatchTimes(logStart);
        var cpuSplit = cpu.Report(allMatchedSeconds, requests, "matched request");
        var topStatements = statementStatistics ? await BenchmarkSql.TopStatementsAsync(connectionString, 12) : [];

        // The engine alone: an API process without workers queues the requests, then one worker process, with the machine
        // to itself, drains them; the rate counts from its first match to its last.
        await api.DisposeAsync();
        var engine = await EngineAloneAsync(apiDll, connectionString, firmClients, requests);

        Console.WriteLine();
        Console.WriteLine("| measurement | p50 ms | p95 ms | p99 ms | per second |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(
            $"| floor: pgbench, the engine's query, 1 client | {floorLatency.AvgMs:0.00} (avg) | | | {floorLatency.Tps:N0} |"
        );
        Console.WriteLine(
            $"| floor: pgbench, the engine's query, 8 clients | {floorThroughput.AvgMs:0.00} (avg) | | | {floorThroughput.Tps:N0} |"
        );
        Console.WriteLine(
            $"| one request matched, server side (engine log), idle | {Percentile(serverSide, 50):0.0} | {Percentile(serverSide, 95):0.0} | {Percentile(serverSide, 99):0.0} | |"
        );
        Console.WriteLine(
            $"| one request, submit → status no longer matching (client polling every 5 ms) | {Percentile(endToEnd, 50):0.0} | {Percentile(endToEnd, 95):0.0} | {Percentile(endToEnd, 99):0.0} | |"
        );
        Console.WriteLine(
            $"| {requests:N0} requests from 32 clients: server-side match time under load | {Percentile(underLoad, 50):0.0} | {Percentile(underLoad, 95):0.0} | {Percentile(underLoad, 99):0.0} | |"
        );
        Console.WriteLine(
            $"| {requests:N0} requests from 32 clients: first submit → all matched ({allMatchedSeconds:0.0} s; submits took {submitSeconds:0.0} s) | | | | {requests / allMatchedSeconds:0.0} matched/s |"
        );
        Console.WriteLine(
            $"| {requests:N0} requests queued, then drained by one worker process alone (first match → last: {engine.Seconds:0.0} s) | | | | {engine.PerSecond:0.0} matched/s |"
        );
        Console.WriteLine(
            $"| floor: pgbench, eligibleFor=me's query for a loan, 1 client | {eligibleFloorForAsk.AvgMs:0.00} (avg) | | | {eligibleFloorForAsk.Tps:N0} |"
        );
        Console.WriteLine(
            $"| GET /products?eligibleFor=me for a loan (client side, 100 calls) | {Percentile(eligibleForAsk, 50):0.0} | {Percentile(eligibleForAsk, 95):0.0} | {Percentile(eligibleForAsk, 99):0.0} | |"
        );
        Console.WriteLine(
            $"| floor: pgbench, eligibleFor=me's query without a loan, 1 client | {eligibleFloorForFirm.AvgMs:0.00} (avg) | | | {eligibleFloorForFirm.Tps:N0} |"
        );
        Console.WriteLine(
            $"| GET /products?eligibleFor=me without a loan (client side, 100 calls) | {Percentile(eligibleForFirm, 50):0.0} | {Percentile(eligibleForFirm, 95):0.0} | {Percentile(eligibleForFirm, 99):0.0} | |"
        );
        Console.WriteLine($"end to end: {cpuSplit}");
        Console.WriteLine($"engine alone: {engine.Cpu}");
        if (statementStatistics)
        {
            Console.WriteLine();
            Console.WriteLine("Database time during the throughput run, by statement (pg_stat_statements):");
            Console.WriteLine("| calls | total ms | mean ms | statement |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var line in topStatements)
                Console.WriteLine(line);
            Console.WriteLine();
        }
        Console.WriteLine(
            $"server-side p95 vs the single-client floor's average: {Percentile(serverSide, 95) / floorLatency.AvgMs:0.0}×; "
                + $"matched/s vs the 8-client floor: {requests / allMatchedSeconds / floorThroughput.Tps:0.00}×"
        );
    }

    private static async Task<(double Seconds, double PerSecond, string Cpu)> EngineAloneAsync(
        string apiDll,
        string connectionString,
        List<FinanceMatchClient> firmClients,
        int requests
    )
    {
        await using (
            await ApiProcess.StartAsync(apiDll, connectionString, 5097, OperatorId, OperatorSecret, role: "api")
        )
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, requests),
                new ParallelOptions { MaxDegreeOfParallelism = 32 },
                async (i, ct) =>
                    await firmClients[i % firmClients.Count].LoanRequests.SubmitAsync(Ask(i), cancellationToken: ct)
            );
        }
        const string waitingSql = "SELECT count(*) FROM financematch.loan_requests WHERE status = 'Matching'";
        var queued = await BenchmarkSql.ScalarAsync(connectionString, waitingSql);
        await using var worker = await ApiProcess.StartAsync(
            apiDll,
            connectionString,
            5097,
            OperatorId,
            OperatorSecret,
            role: "worker"
        );
        var deadline = Stopwatch.StartNew();
        long waiting;
        while ((waiting = await BenchmarkSql.ScalarAsync(connectionString, waitingSql)) == queued)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException("the worker matched nothing");
            await Task.Delay(5);
        }
        var firstMatched = waiting;
        var cpu = CpuAccount.Start(worker, "worker");
        var clock = Stopwatch.StartNew();
        while ((waiting = await BenchmarkSql.ScalarAsync(connectionString, waitingSql)) > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
                throw new TimeoutException($"{waiting} requests still matching");
            await Task.Delay(20);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, firstMatched / seconds, cpu.Report(seconds, (int)firstMatched, "matched request"));
    }

    private static SubmitLoanRequestBody Ask(int i)
    {
        decimal[] amounts = [300_000m, 800_000m, 1_500_000m, 3_000_000m, 6_000_000m];
        int[] terms = [12, 24, 36];
        GuaranteeType[][] guarantees =
        [
            [GuaranteeType.Credit],
            [GuaranteeType.Credit, GuaranteeType.Pledge],
            [GuaranteeType.Mortgage],
        ];
        return new SubmitLoanRequestBody(
            amounts[i % amounts.Length],
            terms[i / 5 % terms.Length],
            "Working capital",
            guarantees[i / 15 % guarantees.Length],
            new LoanConsentBody([ConsentScope.Profile, ConsentScope.Tax], DateTimeOffset.UtcNow.AddDays(60))
        );
    }

    /// <summary>Products of realistic variety: amount bands, terms, rates, guarantee types, regions, industries and eligibility.</summary>
    /// <summary>None when <paramref name="products"/> is 0: the database already holds its catalogue (benchmarks/scale.sh).</summary>
    private static Task GenerateProductsAsync(string connectionString, int products) =>
        products == 0
            ? Task.CompletedTask
            : BenchmarkSql.ExecuteAsync(
                connectionString,
                $"""
                WITH banks AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM financematch.institutions),
                generated AS (
                    SELECT g, gen_random_uuid() AS id, (SELECT id FROM banks WHERE n = g % 100) AS institution_id,
                        (ARRAY[100000, 300000, 500000, 1000000, 2000000])[1 + g % 5]::numeric AS min_amount,
                        (ARRAY[5, 10, 20])[1 + g / 5 % 3] AS amount_factor,
                        (ARRAY[3, 6, 12])[1 + g / 15 % 3] AS min_term, (ARRAY[12, 36, 60])[1 + g / 45 % 3] AS max_term,
                        3.2 + (g % 60) / 10.0 AS min_rate,
                        CASE g / 7 % 5 WHEN 0 THEN ARRAY['Credit'] WHEN 1 THEN ARRAY['Credit','Pledge'] WHEN 2 THEN ARRAY['Mortgage']
                            WHEN 3 THEN ARRAY['Guarantee','Mortgage'] ELSE ARRAY['Pledge'] END AS guarantees,
                        CASE g / 11 % 4 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['44'] WHEN 2 THEN ARRAY['4406'] ELSE ARRAY['4403','4401'] END AS divisions,
                        CASE g / 13 % 3 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['C'] ELSE ARRAY['C3','F'] END AS include,
                        (ARRAY[NULL, NULL, 'BBB', 'A', 'BB'])[1 + g / 17 % 5] AS min_grade,
                        (ARRAY[NULL, 100000, 300000, NULL])[1 + g / 19 % 4]::numeric AS min_tax
                    FROM generate_series(0, {products - 1}) g)
                INSERT INTO financematch.products (id, institution_id, version, status, name, description, min_amount, max_amount, min_term_months,
                    max_term_months, min_annual_rate, max_annual_rate, guarantee_types, division_prefixes, industry_include, industry_exclude,
                    min_grade, min_score, min_years_in_operation, min_annual_tax_paid, min_insured_employees, exclude_dishonest_debtors,
                    exclude_serious_penalties_months, tags, created_at, updated_at, published_at)
                SELECT id, institution_id, 1, 'Published', 'Product ' || g, 'Generated', min_amount, min_amount * amount_factor, min_term,
                    greatest(max_term, min_term), min_rate, min_rate + 2, guarantees, divisions, include, ARRAY[]::text[], min_grade, NULL,
                    CASE WHEN g % 3 = 0 THEN 2 END, min_tax, NULL, true, CASE WHEN g % 4 = 0 THEN 36 END, ARRAY['generated'], now(), now(), now()
                FROM generated;
                INSERT INTO financematch.product_versions (product_id, version, terms, created_at)
                SELECT id, 1, jsonb_build_object('name', name, 'minAmount', min_amount, 'maxAmount', max_amount, 'minTermMonths', min_term_months,
                    'maxTermMonths', max_term_months, 'minAnnualRate', min_annual_rate, 'maxAnnualRate', max_annual_rate), now()
                FROM financematch.products p WHERE NOT EXISTS (SELECT 1 FROM financematch.product_versions v WHERE v.product_id = p.id);
                ANALYZE financematch.products;
                """
            );

    private static async Task<List<FinanceMatchClient>> RegisterFirmsAsync(
        FinanceMatchClient anonymous,
        FinanceMatchClient @operator,
        string connectionString,
        string baseUrl,
        int firms
    )
    {
        var random = new Random(20261124 + BenchmarkRun.Number);
        var registrations = new List<RegisterEnterpriseBody>();
        for (var i = 0; i < firms; i++)
        {
            var division = Divisions[i % Divisions.Length];
            registrations.Add(
                new RegisterEnterpriseBody(
                    Uscc.Compose(division, Uscc.RandomBody(random.Next)),
                    $"Bench Firm {i}",
                    "Rep",
                    division,
                    Industries[i % Industries.Length],
                    new DateOnly(2010 + i % 15, 1 + i % 12, 1),
                    1_000_000m + i * 10_000m,
                    10 + i % 200
                )
            );
        }
        // Their tax history arrives before they register, so every profile is built from it at registration.
        await BenchmarkSql.ExecuteAsync(
            connectionString,
            $"""
            INSERT INTO financematch.tax_records (uscc, period, tax_paid, taxable_revenue, arrears, department_id, batch_id, updated_at)
            SELECT u, (date_trunc('month', now()) - make_interval(months => m))::date, 2000 + (hashtext(u) % 40000 + 40000), 300000, 0,
                gen_random_uuid(), gen_random_uuid(), now()
            FROM unnest(ARRAY['{string.Join("','", registrations.Select(r => r.Uscc))}']) u, generate_series(1, 12) m;
            """
        );
        var clients = new List<FinanceMatchClient>();
        foreach (var registration in registrations)
        {
            var firm = await anonymous.Enterprises.RegisterAsync(registration);
            await @operator.Enterprises.VerifyAsync(firm.Id, new VerificationDecisionBody("Benchmark firm."));
            clients.Add(
                BenchmarkClients.For(
                    baseUrl,
                    (await anonymous.Auth.GetTokenAsync(new TokenBody(firm.ClientId, firm.ClientSecret!))).AccessToken
                )
            );
        }
        return clients;
    }

    /// <summary>
    /// pgbench running the engine's own query (<see cref="BestProductOfEachBankQuery.Text"/>, the same text) for the
    /// benchmark's asks from firms of every division and industry, with the median firm's profile; output discarded.
    /// </summary>
    private static async Task<(double Tps, double AvgMs)> PgbenchAsync(
        string connectionString,
        int clients,
        int seconds,
        string? query = null
    )
    {
        var script = Path.Combine(Path.GetTempPath(), "financematch-matching-floor.pgbench");
        await File.WriteAllTextAsync(
            script,
            await FloorScriptAsync(connectionString, query ?? BestProductOfEachBankQuery.Text)
        );
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(
            "pgbench",
            [
                "-n",
                "-M",
                "prepared",
                "-f",
                script,
                "-c",
                clients.ToString(CultureInfo.InvariantCulture),
                "-j",
                Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
                "-T",
                seconds.ToString(CultureInfo.InvariantCulture),
                "-h",
                builder.Host!,
                "-p",
                builder.Port.ToString(CultureInfo.InvariantCulture),
                "-U",
                builder.Username!,
                builder.Database!,
            ]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var pgbench = Process.Start(start)!;
        var output = await pgbench.StandardOutput.ReadToEndAsync();
        var errors = await pgbench.StandardError.ReadToEndAsync();
        await pgbench.WaitForExitAsync();
        if (pgbench.ExitCode != 0)
            throw new InvalidOperationException($"pgbench failed: {errors}{output}");
        var tps = double.Parse(Tps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var avg = double.Parse(AverageLatency().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Console.WriteLine(
            $"  floor, pgbench {clients} client(s) {seconds} s: {tps:N0} queries/s, average {avg:0.00} ms"
        );
        return (tps, avg);
    }

    private static async Task<string> FloorScriptAsync(string connectionString, string text)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var median = new NpgsqlCommand(
            """
            SELECT grade, score, tax_paid_last12months FROM financematch.credit_profiles WHERE rated
            ORDER BY score OFFSET (SELECT count(*) / 2 FROM financematch.credit_profiles WHERE rated) LIMIT 1
            """,
            connection
        );
        await using var reader = await median.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException("no rated firm to take the floor's profile from");
        var (grade, score, tax) = (reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2));
        var grades = ScoringModel.Newest.Grades.Select(g => g.Grade).ToList();

        static string TextArrays(IEnumerable<string[]> arrays) =>
            $"(ARRAY[{string.Join(", ", arrays.Select(a => $"'{{{string.Join(',', a)}}}'"))}])";
        const string amounts = "(ARRAY[300000, 800000, 1500000, 3000000, 6000000])[:a]";
        var values = new Dictionary<string, string>
        {
            ["amount"] = amounts,
            ["log_amount"] = $"ln({amounts}::double precision)",
            ["term_months"] = "(ARRAY[12, 24, 36])[:t]",
            // Credit, Credit and Pledge, Mortgage (GuaranteeMask: Credit 1, Mortgage 2, Pledge 8).
            ["guarantee_mask"] = "(ARRAY[1, 9, 2])[:g]",
            ["guarantee_count"] = "(ARRAY[1, 2, 1])[:g]",
            ["max_annual_rate"] = "NULL",
            ["division_prefixes"] = TextArrays(Divisions.Select(BestProductOfEachBankQuery.Prefixes)) + "[:f]::text[]",
            ["industry_prefixes"] = TextArrays(Industries.Select(BestProductOfEachBankQuery.Prefixes)) + "[:f]::text[]",
            ["grades"] = $"'{{{string.Join(',', grades)}}}'::text[]",
            ["grade_position"] = (grades.IndexOf(grade) + 1).ToString(CultureInfo.InvariantCulture),
            ["score"] = score.ToString(CultureInfo.InvariantCulture),
            ["years_in_operation"] = "8.5",
            ["tax_paid"] = tax.ToString(CultureInfo.InvariantCulture),
            ["tax_paid_double"] = tax.ToString(CultureInfo.InvariantCulture),
            ["insured_employees"] = "NULL",
            ["dishonest_debtor"] = "false",
            ["penalty_months_passed"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            // The benchmark's firms are on no list, as the API's requests find them.
            ["lists"] = "'{}'::uuid[]",
            ["limit"] = "20",
            ["offset"] = "0",
        };
        var query = QueryParameter().Replace(text, m => values[m.Groups[1].Value]);
        return $"""
            \set a random(1, 5)
            \set t random(1, 3)
            \set g random(1, 3)
            \set f random(1, {Divisions.Length})
            {string.Join(' ', query.Split('\n').Select(l => SqlComment().Replace(l, "").Trim()))};
            """;
    }

    private static List<double> MatchTimes(int fromLine) =>
        ApiProcess
            .Log.Skip(fromLine)
            .Select(l => MatchedLine().Match(l))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static (List<double> Banks, List<double> Matches) MatchCounts(int fromLine)
    {
        var lines = ApiProcess.Log.Skip(fromLine).Select(l => MatchedLine().Match(l)).Where(m => m.Success).ToList();
        return (
            lines.Select(m => double.Parse(m.Groups["banks"].Value, CultureInfo.InvariantCulture)).ToList(),
            lines.Select(m => double.Parse(m.Groups["matches"].Value, CultureInfo.InvariantCulture)).ToList()
        );
    }

    private static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex AverageLatency();

    [GeneratedRegex(@"(?<banks>\d+) banks with a matching product, (?<matches>\d+) matches made in (?<ms>[0-9.]+) ms")]
    private static partial Regex MatchedLine();

    [GeneratedRegex(@"@([a-z_]+)")]
    private static partial Regex QueryParameter();

    /// <summary>A line's comment: pgbench takes the query as one line, where a comment would swallow the rest.</summary>
    [GeneratedRegex(@"--.*$")]
    private static partial Regex SqlComment();
}
