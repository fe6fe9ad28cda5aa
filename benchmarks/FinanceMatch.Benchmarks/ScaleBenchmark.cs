using System.Diagnostics;
using System.Globalization;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

namespace FinanceMatch.Benchmarks;

/// <summary>
/// Issue 21: the platform at province scale. benchmarks/scale/generate.sql builds N firms (1,000,000 by default) with 24
/// months of four feeds, 10,000 products and 10,000,000 matches; then, each against its floor measured in the same run:
/// the full profile rebuild, the monthly cycle (a month of four feeds for every firm pushed through the API, then the
/// incremental rebuild of every touched firm), every statistics endpoint, report reads (closed and open loop), matching,
/// and the disk per firm. Run: benchmarks/scale.sh [firms] [matches].
/// </summary>
internal static class ScaleBenchmark
{
    private const string OperatorId = "bench-operator";
    private const string OperatorSecret = "bench-operator-secret-123456";
    private const int Seed = 42;
    private const string City = "4401";

    public static async Task RunAsync(string apiDll, string connectionString, string root, int firms, long matches)
    {
        var total = Stopwatch.StartNew();
        var products = firms >= 1_000_000 ? 10_000 : Math.Max(100, firms / 100);
        Console.WriteLine(
            $"scale: {firms:N0} firms, {firms * 96L:N0} feed records, {products:N0} products, {matches:N0} matches"
        );

        // A world kept by an earlier run (FINANCEMATCH_SCALE_KEEP_WORLD=1) is copied instead of generated again.
        var world = $"financematch_scale_world_{firms}_{matches}_{Seed}";
        var run = new NpgsqlConnectionStringBuilder(connectionString);
        var postgres = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString;
        var keepWorld = Environment.GetEnvironmentVariable("FINANCEMATCH_SCALE_KEEP_WORLD") == "1";
        var generation = Stopwatch.StartNew();
        // FINANCEMATCH_SCALE_DATABASE: run on a world generated beforehand into that database (psql -f
        // benchmarks/scale/generate.sql, as README shows), in place: the run adds its month, requests and firms to it.
        if (Environment.GetEnvironmentVariable("FINANCEMATCH_SCALE_DATABASE") is { Length: > 0 } existing)
        {
            run.Database = existing;
            connectionString = run.ConnectionString;
            var generated = await BenchmarkSql.ScalarAsync(
                connectionString,
                "SELECT count(*) FROM financematch.enterprises WHERE verification = 'Verified'"
            );
            if (generated < firms)
                throw new InvalidOperationException($"{existing} holds {generated:N0} verified firms, not {firms:N0}.");
            Console.WriteLine($"scale: the world generated in {existing} beforehand, measured in place");
        }
        else if (
            await BenchmarkSql.ScalarAsync(postgres, $"SELECT count(*) FROM pg_database WHERE datname = '{world}'") > 0
        )
        {
            NpgsqlConnection.ClearAllPools();
            await BenchmarkSql.ExecuteAsync(postgres, $"DROP DATABASE {run.Database}");
            await BenchmarkSql.ExecuteAsync(postgres, $"CREATE DATABASE {run.Database} TEMPLATE {world}");
            Console.WriteLine($"scale: copied the world kept in {world} in {generation.Elapsed.TotalMinutes:0.0} min");
        }
        else
        {
            // The schema first (an API process migrates it), then the data, with no job of the platform running meanwhile.
            await using (
                await ApiProcess.StartAsync(apiDll, connectionString, 5094, OperatorId, OperatorSecret, role: "api")
            ) { }
            await PsqlFileAsync(
                connectionString,
                Path.Combine(root, "benchmarks/scale/generate.sql"),
                ("firms", firms.ToString(CultureInfo.InvariantCulture)),
                ("seed", Seed.ToString(CultureInfo.InvariantCulture)),
                ("months", "24"),
                ("products", products.ToString(CultureInfo.InvariantCulture)),
                ("matches", matches.ToString(CultureInfo.InvariantCulture))
            );
            Console.WriteLine($"scale: generated in {generation.Elapsed.TotalMinutes:0.0} min");
            if (keepWorld)
            {
                NpgsqlConnection.ClearAllPools();
                await BenchmarkSql.ExecuteAsync(postgres, $"CREATE DATABASE {world} TEMPLATE {run.Database}");
                Console.WriteLine($"scale: the world kept in {world} for the next runs (drop it to generate again)");
            }
        }
        var phases = (
            Environment.GetEnvironmentVariable("FINANCEMATCH_SCALE_PHASES")
            ?? "rebuild,cycle,disk,statistics,reports,matching"
        )
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet();

        double rebuildFloor;
        await using (var api = await ApiProcess.StartAsync(apiDll, connectionString, 5094, OperatorId, OperatorSecret))
        {
            var anonymous = BenchmarkClients.For(api.BaseUrl);
            async Task<FinanceMatchClient> SignInAsync(string id, string secret) =>
                BenchmarkClients.For(
                    api.BaseUrl,
                    (await anonymous.Auth.GetTokenAsync(new TokenBody(id, secret))).AccessToken
                );
            Task<FinanceMatchClient> GeneratedAsync(string clientId) =>
                SignInAsync(clientId, $"scale-{Seed}-{clientId}");

            // The rebuild runs whenever no profile exists yet: reports and matching read them.
            if (
                phases.Contains("rebuild")
                || await BenchmarkSql.ScalarAsync(connectionString, "SELECT count(*) FROM financematch.credit_profiles")
                    == 0
            )
            {
                Console.WriteLine();
                Console.WriteLine("## full profile rebuild");
                var rebuild = await ProfileRebuildBenchmark.MeasureAsync(api, connectionString, runs: 1);
                rebuildFloor = rebuild.Floor;
                Console.WriteLine(
                    $"full rebuild of {firms:N0} firms: {rebuild.Runs[0] / rebuild.Floor:0.00}× the floor (target ≤ 3×); "
                        + $"API peak RSS {rebuild.PeakRss / 1048576.0:0} MiB (target < 1,024)"
                );
            }
            else
                rebuildFloor = await ProfileRebuildBenchmark.FloorAsync(connectionString);

            if (phases.Contains("cycle"))
            {
                Console.WriteLine();
                Console.WriteLine("## the monthly cycle");
                var csvBytesPerFirmMonth = await MonthlyCycleAsync(
                    api,
                    connectionString,
                    firms,
                    rebuildFloor,
                    GeneratedAsync
                );
                if (phases.Contains("disk"))
                {
                    Console.WriteLine();
                    Console.WriteLine("## disk");
                    await DiskAsync(connectionString, firms, csvBytesPerFirmMonth);
                }
            }

            if (phases.Contains("statistics"))
            {
                Console.WriteLine();
                Console.WriteLine($"## statistics at {matches:N0} matches");
                await StatisticsBenchmark.MeasureAsync(
                    connectionString,
                    anonymous,
                    await SignInAsync(OperatorId, OperatorSecret),
                    await GeneratedAsync("bank_scale_001"),
                    calls: 20
                );
            }
        }

        if (phases.Contains("reports"))
        {
            Console.WriteLine();
            Console.WriteLine("## report reads");
            await ReportReadBenchmark.RunAsync(apiDll, connectionString, firms: 200, seconds: 30);
        }

        if (phases.Contains("matching"))
        {
            Console.WriteLine();
            Console.WriteLine("## matching");
            await MatchingBenchmark.RunAsync(apiDll, connectionString, products: 0, requests: 2_000);
        }
        Console.WriteLine();
        Console.WriteLine($"scale: done in {total.Elapsed.TotalMinutes:0.0} min (rebuild floor {rebuildFloor:0.0} s)");
    }

    /// <summary>
    /// This month for every firm in four feeds (tax, social security, electricity, water: 4 rows a firm), written from
    /// last month's records; the floor (psql \copy of the same files and the same upsert, then the rebuild floor) first,
    /// its rows removed by dropping and recreating the month's partitions; then the four batches pushed at once through
    /// the API by their departments, and the incremental rebuild of every firm they touched, until its queue is empty.
    /// Returns the CSV bytes per firm and month.
    /// </summary>
    private static async Task<double> MonthlyCycleAsync(
        ApiProcess api,
        string connectionString,
        int firms,
        double rebuildFloor,
        Func<string, Task<FinanceMatchClient>> signIn
    )
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1);
        var last = month.AddMonths(-1);
        var (tag, lastDate) = (
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        );
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "financematch-scale")).FullName;
        var files = new (string Name, FeedType Feed, string Department, string Select)[]
        {
            (
                "tax",
                FeedType.Tax,
                $"dept_scale_tax_{City}",
                $"SELECT uscc, '{tag}' AS period, tax_paid AS \"taxPaid\", taxable_revenue AS \"taxableRevenue\", arrears FROM financematch.tax_records WHERE period = '{lastDate}'"
            ),
            (
                "social",
                FeedType.SocialSecurity,
                $"dept_scale_ss_{City}",
                $"SELECT uscc, '{tag}' AS period, insured_employees AS \"insuredEmployees\", contribution_paid AS \"contributionPaid\", arrears FROM financematch.social_security_records WHERE period = '{lastDate}'"
            ),
            (
                "electricity",
                FeedType.Utility,
                $"dept_scale_power_{City}",
                $"SELECT uscc, '{tag}' AS period, kind, consumption, amount_billed AS \"amountBilled\", amount_overdue AS \"amountOverdue\" FROM financematch.utility_records WHERE period = '{lastDate}' AND kind = 'electricity'"
            ),
            (
                "water",
                FeedType.Utility,
                $"dept_scale_water_{City}",
                $"SELECT uscc, '{tag}' AS period, kind, consumption, amount_billed AS \"amountBilled\", amount_overdue AS \"amountOverdue\" FROM financematch.utility_records WHERE period = '{lastDate}' AND kind = 'water'"
            ),
        };
        string PathOf(string name) => Path.Combine(directory, $"{name}-{tag}.csv");
        await Psql.RunAsync(
            connectionString,
            string.Join('\n', files.Select(f => $"\\copy ({f.Select}) TO '{PathOf(f.Name)}' WITH (FORMAT csv, HEADER)"))
        );
        var bytes = files.Sum(f => new FileInfo(PathOf(f.Name)).Length);
        var rows = await BenchmarkSql.ScalarAsync(
            connectionString,
            $"SELECT count(*) FROM financematch.tax_records WHERE period = '{lastDate}'"
        );
        Console.WriteLine($"  files: 4 × {rows:N0} rows, {bytes / 1048576.0:0} MiB");

        var partition = month.ToString("yyyyMM", CultureInfo.InvariantCulture);
        // This month empty again, whatever an earlier run on the same world left in it.
        var emptyTheMonth = $"""
            DROP TABLE IF EXISTS public.scale_stage_tax, public.scale_stage_social, public.scale_stage_utility;
            DROP TABLE financematch.tax_records_p{partition}, financematch.social_security_records_p{partition}, financematch.utility_records_p{partition};
            SELECT financematch.ensure_period_partitions(t, '{tag}-01', '{tag}-01')
            FROM unnest(ARRAY['tax_records', 'social_security_records', 'utility_records']) t;
            """;
        await BenchmarkSql.ExecuteAsync(connectionString, emptyTheMonth);
        var floorCopy = await Psql.RunAsync(
            connectionString,
            $"""
            CREATE UNLOGGED TABLE public.scale_stage_tax (uscc text, period text, tax_paid numeric, taxable_revenue numeric, arrears numeric);
            CREATE UNLOGGED TABLE public.scale_stage_social (uscc text, period text, insured_employees integer, contribution_paid numeric, arrears numeric);
            CREATE UNLOGGED TABLE public.scale_stage_utility (uscc text, period text, kind text, consumption numeric, amount_billed numeric, amount_overdue numeric);
            \copy public.scale_stage_tax FROM '{PathOf("tax")}' WITH (FORMAT csv, HEADER)
            \copy public.scale_stage_social FROM '{PathOf("social")}' WITH (FORMAT csv, HEADER)
            \copy public.scale_stage_utility FROM '{PathOf("electricity")}' WITH (FORMAT csv, HEADER)
            \copy public.scale_stage_utility FROM '{PathOf("water")}' WITH (FORMAT csv, HEADER)
            INSERT INTO financematch.tax_records (uscc, period, tax_paid, taxable_revenue, arrears, department_id, batch_id, updated_at)
            SELECT uscc, (period || '-01')::date, tax_paid, taxable_revenue, arrears, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', now()
            FROM public.scale_stage_tax
            ON CONFLICT (uscc, period) DO UPDATE SET tax_paid = excluded.tax_paid, taxable_revenue = excluded.taxable_revenue,
                arrears = excluded.arrears, department_id = excluded.department_id, batch_id = excluded.batch_id, updated_at = excluded.updated_at;
            INSERT INTO financematch.social_security_records (uscc, period, insured_employees, contribution_paid, arrears, department_id, batch_id, updated_at)
            SELECT uscc, (period || '-01')::date, insured_employees, contribution_paid, arrears, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', now()
            FROM public.scale_stage_social
            ON CONFLICT (uscc, period) DO UPDATE SET insured_employees = excluded.insured_employees, contribution_paid = excluded.contribution_paid,
                arrears = excluded.arrears, department_id = excluded.department_id, batch_id = excluded.batch_id, updated_at = excluded.updated_at;
            INSERT INTO financematch.utility_records (uscc, period, kind, consumption, amount_billed, amount_overdue, department_id, batch_id, updated_at)
            SELECT uscc, (period || '-01')::date, kind, consumption, amount_billed, amount_overdue, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', now()
            FROM public.scale_stage_utility
            ON CONFLICT (uscc, period, kind) DO UPDATE SET consumption = excluded.consumption, amount_billed = excluded.amount_billed,
                amount_overdue = excluded.amount_overdue, department_id = excluded.department_id, batch_id = excluded.batch_id, updated_at = excluded.updated_at;
            """
        );
        await BenchmarkSql.ExecuteAsync(connectionString, emptyTheMonth);

        var clients = new List<FinanceMatchClient>();
        foreach (var file in files)
            clients.Add(await signIn(file.Department));
        var logStart = ApiProcess.Log.Count;
        var clock = Stopwatch.StartNew();
        var pushes = await Task.WhenAll(
            files.Select((f, i) => BatchPush.PushAndWaitAsync(clients[i], api, f.Feed, PathOf(f.Name)))
        );
        var pushed = clock.Elapsed.TotalSeconds;
        var peakRss = pushes.Max(p => p.PeakRss);
        api.ResetPeak();
        var touched = await BenchmarkSql.ScalarAsync(
            connectionString,
            "SELECT count(*) FROM financematch.profile_rebuild_requests"
        );
        while (
            await BenchmarkSql.ScalarAsync(
                connectionString,
                "SELECT count(*) FROM financematch.profile_rebuild_requests"
            ) > 0
        )
        {
            if (clock.Elapsed > TimeSpan.FromHours(1))
                throw new TimeoutException("The incremental rebuild did not finish within an hour.");
            await Task.Delay(1000);
        }
        var cycle = clock.Elapsed.TotalSeconds;
        var rebuilt = cycle - pushed;
        // Where the cycle's time went, in the API's words: each batch's split, each rebuild and quality check.
        foreach (
            var line in ApiProcess.MessagesSince(
                logStart,
                "Batch ",
                "Rebuilt ",
                "Quality rules checked",
                "Profile rebuilds "
            )
        )
            Console.WriteLine($"  api: {line}");
        var floor = floorCopy + rebuildFloor;
        Console.WriteLine();
        Console.WriteLine("| the monthly cycle | seconds | vs floor |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| floor: psql \\copy of the 4 files + the same upserts | {floorCopy:0.0} | |");
        Console.WriteLine(
            $"| floor: the rebuild's hand-written aggregate (from the full rebuild) | {rebuildFloor:0.0} | |"
        );
        Console.WriteLine(
            $"| four batches ({rows * 4:N0} rows) pushed at once → all completed | {pushed:0.0} | {pushed / floorCopy:0.00}× the copy floor |"
        );
        Console.WriteLine(
            $"| then the incremental rebuild of {touched:N0} touched firms (queue drained) | {rebuilt:0.0} | {rebuilt / rebuildFloor:0.00}× the rebuild floor |"
        );
        Console.WriteLine($"| the whole cycle | {cycle:0.0} | {cycle / floor:0.00}× (target ≤ 2×) |");
        Console.WriteLine(
            $"API peak RSS: {peakRss / 1048576.0:0} MiB during the pushes, {api.PeakRssBytes / 1048576.0:0} MiB during the rebuild"
        );
        return (double)bytes / Math.Max(1, rows);
    }

    private static async Task DiskAsync(string connectionString, int firms, double csvBytesPerFirmMonth)
    {
        Console.WriteLine("| table (partitions summed) | rows | table | indexes | bytes per firm |");
        Console.WriteLine("|---|---|---|---|---|");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH parts AS (
                SELECT coalesce(parent.relname, c.relname) AS name, c.oid, c.reltuples
                FROM pg_class c
                LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
                LEFT JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE c.relnamespace = 'financematch'::regnamespace AND c.relkind = 'r'
            )
            SELECT name, sum(greatest(reltuples, 0))::bigint, sum(pg_table_size(oid))::bigint, sum(pg_indexes_size(oid))::bigint
            FROM parts GROUP BY name ORDER BY sum(pg_table_size(oid)) + sum(pg_indexes_size(oid)) DESC
            """,
            connection
        );
        var (tables, indexes) = (0L, 0L);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var shown = 0;
            while (await reader.ReadAsync())
            {
                var (name, rows, table, index) = (
                    reader.GetString(0),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3)
                );
                (tables, indexes) = (tables + table, indexes + index);
                if (shown++ < 14)
                    Console.WriteLine(
                        $"| {name} | {rows:N0} | {table / 1048576.0:N0} MiB | {index / 1048576.0:N0} MiB | {(table + index) / (double)firms:N0} |"
                    );
            }
        }
        var perFirm = (tables + indexes) / (double)firms;
        var raw = csvBytesPerFirmMonth * 24;
        Console.WriteLine(
            $"| all tables | | {tables / 1073741824.0:0.0} GiB | {indexes / 1073741824.0:0.0} GiB | {perFirm:N0} |"
        );
        Console.WriteLine(
            $"disk per firm: {perFirm:N0} bytes on disk against {raw:N0} bytes of raw CSV for its 24 months of four feeds ({perFirm / raw:0.0}×)"
        );
    }

    /// <summary>A psql script file with variables, its output (the generator's progress) shown as it comes.</summary>
    private static async Task PsqlFileAsync(
        string connectionString,
        string file,
        params (string Name, string Value)[] variables
    )
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var arguments = new List<string>
        {
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            builder.Host!,
            "-p",
            builder.Port.ToString(CultureInfo.InvariantCulture),
            "-U",
            builder.Username!,
            "-d",
            builder.Database!,
        };
        foreach (var (name, value) in variables)
            arguments.AddRange(["-v", $"{name}={value}"]);
        arguments.AddRange(["-f", file]);
        var start = new ProcessStartInfo("psql", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var psql = Process.Start(start)!;
        psql.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                Console.WriteLine("  " + line);
        };
        psql.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                Console.WriteLine("  psql: " + line);
        };
        psql.BeginOutputReadLine();
        psql.BeginErrorReadLine();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed (exit {psql.ExitCode})");
    }
}
