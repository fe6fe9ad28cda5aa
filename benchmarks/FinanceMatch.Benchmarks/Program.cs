using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using FinanceMatch.Benchmarks;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Npgsql;

// Ingest benchmark (issue 3): a 1,000,000-row tax CSV from the first byte uploaded to batch `completed`, against the floor
// measured in the same run on the same PostgreSQL: psql \copy of the same file into an unlogged staging table followed by
// the same set-based INSERT … ON CONFLICT. Run: benchmarks/ingest.sh [rows]; benchmarks/ingest.sh ingest-housing-fund [rows]
// measures a housing-fund file the same way (issue 19).
var mode = args.Length > 0 && !char.IsAsciiDigit(args[0][0]) ? args[0] : "ingest";
var numbers = args.Where(a => a.Length > 0 && char.IsAsciiDigit(a[0])).ToArray();
var rows =
    numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture)
    : mode == "profiles" ? 100_000
    : 1_000_000;
var adminConnection =
    Environment.GetEnvironmentVariable("ConnectionStrings__FinanceMatch")
    ?? throw new InvalidOperationException(
        "ConnectionStrings__FinanceMatch is not set (run through benchmarks/ingest.sh)."
    );
var root = FindRoot();
var apiDll = Path.Combine(root, "src/FinanceMatch.Api/bin/Release/net10.0/FinanceMatch.Api.dll");
var dataDir = Path.Combine(root, ".data/benchmarks");
Directory.CreateDirectory(dataDir);

// `ingest` pushes the tax feed; `ingest-housing-fund` one of the wider credit file's feeds (issue 19), same pipeline.
var housingFund = mode == "ingest-housing-fund";
var csvPath = Path.Combine(dataDir, housingFund ? $"housing-fund-{rows}.csv" : $"tax-{rows}.csv");
if (mode is "ingest" or "ingest-housing-fund" && !File.Exists(csvPath))
{
    Console.WriteLine($"generating {csvPath} …");
    if (housingFund)
        TaxCsv.WriteHousingFund(csvPath, rows, monthsPerFirm: 24);
    else
        TaxCsv.Write(csvPath, rows, monthsPerFirm: 24);
}
var feedType = housingFund ? FeedType.HousingFund : FeedType.Tax;

var builder = new NpgsqlConnectionStringBuilder(adminConnection);
var database = $"financematch_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
await ExecuteAsync(
    new NpgsqlConnectionStringBuilder(adminConnection) { Database = "postgres" }.ConnectionString,
    $"CREATE DATABASE {database}"
);
builder.Database = database;
var connectionString = builder.ConnectionString;
try
{
    if (mode == "reports")
    {
        await ReportReadBenchmark.RunAsync(
            apiDll,
            connectionString,
            firms: 200,
            seconds: numbers.Length > 0 ? rows : 30
        );
        return;
    }
    if (mode == "matching")
    {
        await MatchingBenchmark.RunAsync(
            apiDll,
            connectionString,
            products: numbers.Length > 0 ? rows : 10_000,
            requests: numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 2_000
        );
        return;
    }
    if (mode == "scale")
    {
        await ScaleBenchmark.RunAsync(
            apiDll,
            connectionString,
            root,
            firms: numbers.Length > 0 ? rows : 1_000_000,
            matches: numbers.Length > 1 ? long.Parse(numbers[1], CultureInfo.InvariantCulture) : 10_000_000
        );
        return;
    }
    if (mode == "failover")
    {
        Environment.ExitCode = await FailoverDrill.RunAsync(
            apiDll,
            connectionString,
            root,
            secondsAfter: numbers.Length > 0 ? rows : 40
        );
        return;
    }
    if (mode == "load")
    {
        await MixedLoadBenchmark.RunAsync(
            apiDll,
            connectionString,
            seconds: numbers.Length > 0 ? rows : 60,
            connections: numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 200
        );
        return;
    }
    if (mode == "statistics")
    {
        await StatisticsBenchmark.RunAsync(
            apiDll,
            connectionString,
            firms: numbers.Length > 0 ? rows : 100_000,
            calls: numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 20
        );
        return;
    }
    if (mode == "loan-performance")
    {
        await LoanPerformanceBenchmark.RunAsync(apiDll, connectionString, numbers.Length > 0 ? rows : 200_000, dataDir);
        return;
    }
    if (mode == "profiles")
    {
        await ProfileRebuildBenchmark.RunAsync(apiDll, connectionString, rows);
        return;
    }
    Console.WriteLine($"input: {rows:N0} rows, {new FileInfo(csvPath).Length / 1048576.0:0.0} MiB");
    await using var api = await ApiProcess.StartAsync(
        apiDll,
        connectionString,
        5099,
        "bench-operator",
        "bench-operator-secret-123456"
    );
    var idleRss = api.PeakRssBytes;
    var anonymous = new FinanceMatchClient(
        new HttpClient { BaseAddress = new Uri(api.BaseUrl), Timeout = TimeSpan.FromMinutes(10) }
    );
    var token = await anonymous.Auth.GetTokenAsync(new TokenBody("bench-operator", "bench-operator-secret-123456"));
    var @operator = BenchmarkClients.For(api.BaseUrl, token.AccessToken);
    var department = await @operator.Departments.CreateAsync(
        new CreateDepartmentBody("Benchmark Bureau", "BENCH-FEED", [feedType])
    );
    var departmentToken = await anonymous.Auth.GetTokenAsync(
        new TokenBody(department.ClientId, department.ClientSecret!)
    );
    var bureau = BenchmarkClients.For(api.BaseUrl, departmentToken.AccessToken);

    var firstRun = await BatchPush.PushAndWaitAsync(bureau, api, feedType, csvPath);
    var resend = await BatchPush.PushAndWaitAsync(bureau, api, feedType, csvPath);

    var floor = housingFund
        ? await HousingFundFloorAsync(connectionString, csvPath, builder)
        : await FloorAsync(connectionString, csvPath, builder);

    Console.WriteLine();
    Console.WriteLine("| measurement | seconds | rows/s | vs floor |");
    Console.WriteLine("|---|---|---|---|");
    Row("psql \\copy + INSERT … ON CONFLICT (floor, new rows)", floor.New, rows, null);
    Row("FinanceMatch push → completed (new rows)", firstRun.Seconds, rows, floor.New);
    Row("psql \\copy + INSERT … ON CONFLICT (floor, every key conflicting)", floor.Resend, rows, null);
    Row("FinanceMatch push → completed (resend, every key conflicting)", resend.Seconds, rows, floor.Resend);
    Console.WriteLine();
    Console.WriteLine(
        $"upload (first byte to 202): {firstRun.UploadSeconds:0.00} s; processing (202 to completed): {firstRun.Seconds - firstRun.UploadSeconds:0.00} s"
    );
    Console.WriteLine(
        $"API peak RSS: {Math.Max(firstRun.PeakRss, resend.PeakRss) / 1048576.0:0} MiB (idle after start-up {idleRss / 1048576.0:0} MiB)"
    );
    foreach (
        var line in ApiProcess
            .Log.Where(l =>
                l.Contains("rows,", StringComparison.Ordinal) || l.Contains("Batch", StringComparison.Ordinal)
            )
            .TakeLast(4)
    )
        Console.WriteLine($"api log: {line.Trim()}");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (Environment.GetEnvironmentVariable("FINANCEMATCH_BENCH_KEEP_DATABASE") == "1")
        Console.WriteLine($"kept database {database}");
    else
        await ExecuteAsync(
            new NpgsqlConnectionStringBuilder(adminConnection) { Database = "postgres" }.ConnectionString,
            $"DROP DATABASE IF EXISTS {database} WITH (FORCE)"
        );
}

static void Row(string name, double seconds, int rows, double? floor) =>
    Console.WriteLine(
        $"| {name} | {seconds:0.00} | {rows / seconds:N0} | {(floor is null ? "1.00×" : $"{seconds / floor:0.00}×")} |"
    );

static async Task<(double New, double Resend)> FloorAsync(
    string connectionString,
    string csvPath,
    NpgsqlConnectionStringBuilder builder
)
{
    await ExecuteAsync(
        connectionString,
        """
        CREATE TABLE public.floor_tax (LIKE financematch.tax_records INCLUDING ALL);
        CREATE UNLOGGED TABLE public.floor_staging (uscc text, period text, tax_paid numeric, taxable_revenue numeric, arrears numeric, tax_credit_rating text);
        """
    );
    const string upsert = """
        INSERT INTO public.floor_tax (uscc, period, tax_paid, taxable_revenue, arrears, tax_credit_rating, department_id, batch_id, updated_at)
        SELECT DISTINCT ON (uscc, period) uscc, (period || '-01')::date, tax_paid, taxable_revenue, arrears, NULLIF(tax_credit_rating, ''),
            '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', now()
        FROM public.floor_staging ORDER BY uscc, period
        ON CONFLICT (uscc, period) DO UPDATE SET tax_paid = excluded.tax_paid, taxable_revenue = excluded.taxable_revenue,
            arrears = excluded.arrears, tax_credit_rating = excluded.tax_credit_rating, department_id = excluded.department_id,
            batch_id = excluded.batch_id, updated_at = excluded.updated_at;
        """;
    var script =
        $"TRUNCATE public.floor_staging;\n\\copy public.floor_staging FROM '{csvPath}' WITH (FORMAT csv, HEADER true)\n{upsert}\n";
    var first = await Psql.RunAsync(builder.ConnectionString, script);
    var second = await Psql.RunAsync(builder.ConnectionString, script);
    return (first, second);
}

static async Task<(double New, double Resend)> HousingFundFloorAsync(
    string connectionString,
    string csvPath,
    NpgsqlConnectionStringBuilder builder
)
{
    await ExecuteAsync(
        connectionString,
        """
        CREATE TABLE public.floor_housing_fund (LIKE financematch.housing_fund_records INCLUDING ALL);
        CREATE UNLOGGED TABLE public.floor_staging (uscc text, period text, contributing_employees integer, amount_paid numeric, arrears numeric);
        """
    );
    const string upsert = """
        INSERT INTO public.floor_housing_fund (uscc, period, contributing_employees, amount_paid, arrears, department_id, batch_id, updated_at)
        SELECT DISTINCT ON (uscc, period) uscc, (period || '-01')::date, contributing_employees, amount_paid, arrears,
            '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002', now()
        FROM public.floor_staging ORDER BY uscc, period
        ON CONFLICT (uscc, period) DO UPDATE SET contributing_employees = excluded.contributing_employees,
            amount_paid = excluded.amount_paid, arrears = excluded.arrears, department_id = excluded.department_id,
            batch_id = excluded.batch_id, updated_at = excluded.updated_at;
        """;
    var script =
        $"TRUNCATE public.floor_staging;\n\\copy public.floor_staging FROM '{csvPath}' WITH (FORMAT csv, HEADER true)\n{upsert}\n";
    var first = await Psql.RunAsync(builder.ConnectionString, script);
    var second = await Psql.RunAsync(builder.ConnectionString, script);
    return (first, second);
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
    await command.ExecuteNonQueryAsync();
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinanceMatch.sln")))
        directory = directory.Parent;
    return directory?.FullName ?? throw new InvalidOperationException("FinanceMatch.sln not found");
}
