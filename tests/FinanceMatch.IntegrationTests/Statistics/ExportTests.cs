using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using MiniExcelLibs;
using Sylvan.Data.Csv;

namespace FinanceMatch.IntegrationTests.Statistics;

/// <summary>
/// Downloads through HTTP: the CSV (read by an independent RFC 4180 reader) and the XLSX (read by MiniExcel) hold the
/// rows the JSON endpoint answers, under the JSON endpoint's authorization and validation.
/// </summary>
public sealed class ExportTests
{
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed record Table(
        IReadOnlyList<string> Headers,
        IReadOnlyList<IReadOnlyDictionary<string, string>> Rows,
        string Text
    );

    [Test]
    public async Task ABanksStatistics_AsCsvAndXlsx_AreTheJsonFigures_WithChineseAndQuotedNamesKept()
    {
        const string bankName = "华南测试银行";
        const string productName = "小微快贷, \"税易贷\"";
        var world = await KnownWorld.SeedAsync(bankName, productName);
        var bank = world.Bank.Client;

        var overview = Json(await bank.Statistics.GetOverviewAsync(Today, Today));
        var csv = ReadCsv(
            await DownloadAsync(bank.Statistics.ExportOverviewAsync("csv", Today, Today), Csv, "statistics")
        );
        Assert.That(csv.Headers, Is.EqualTo(overview.EnumerateObject().Select(p => p.Name)));
        Assert.That(csv.Text, Does.StartWith(string.Join(',', csv.Headers) + "\r\n"), "a header row, CRLF line ends");
        AssertRowIsTheJson(csv.Rows.Single(), overview, csv: true);
        Assert.That(
            (csv.Rows.Single()["institutionId"], csv.Rows.Single()["loanRequests"], csv.Rows.Single()["approvalRate"]),
            Is.EqualTo((world.Bank.Created.Id.ToString(), "3", "0.5"))
        );
        var xlsx = ReadXlsx(
            await DownloadAsync(bank.Statistics.ExportOverviewAsync("xlsx", Today, Today), Xlsx, "statistics")
        );
        Assert.That(xlsx.Headers, Is.EqualTo(csv.Headers));
        AssertRowIsTheJson(xlsx.Rows.Single(), overview, csv: false);

        foreach (var by in new[] { "institution", "product", "division", "industry", "grade", "month" })
        {
            var rows = (await bank.Statistics.GetBreakdownAsync(by, Today, Today)).Rows;
            foreach (var format in new[] { "csv", "xlsx" })
            {
                var download = await DownloadAsync(
                    bank.Statistics.ExportBreakdownAsync(format, by, Today, Today),
                    format == "csv" ? Csv : Xlsx,
                    $"breakdown-{by}"
                );
                AssertTableIsTheJson(format == "csv" ? ReadCsv(download) : ReadXlsx(download), rows, format == "csv");
            }
        }

        var byBank = ReadCsv(
            await DownloadAsync(bank.Statistics.ExportBreakdownAsync("csv", "institution", Today, Today), Csv, "")
        );
        Assert.That(byBank.Rows.Single()["label"], Is.EqualTo(bankName), "Chinese text round-trips through UTF-8");
        var byProduct = ReadCsv(
            await DownloadAsync(bank.Statistics.ExportBreakdownAsync("csv", "product", Today, Today), Csv, "")
        );
        Assert.That(byProduct.Rows.Single()["label"], Is.EqualTo(productName));
        Assert.That(
            byProduct.Text,
            Does.Contain(",\"小微快贷, \"\"税易贷\"\"\","),
            "a field holding a comma and quotes is quoted, its quotes doubled"
        );
        var byProductXlsx = ReadXlsx(
            await DownloadAsync(bank.Statistics.ExportBreakdownAsync("xlsx", "product", Today, Today), Xlsx, "")
        );
        Assert.That(byProductXlsx.Rows.Single()["label"], Is.EqualTo(productName));

        var loans = (await bank.Statistics.GetLoansAsync("institution")).Rows;
        Assert.That(loans, Is.Not.Empty, "the world's one disbursed loan");
        AssertTableIsTheJson(
            ReadCsv(
                await DownloadAsync(bank.Statistics.ExportLoansAsync("csv", "institution"), Csv, "loans-institution")
            ),
            loans,
            csv: true
        );
        AssertTableIsTheJson(
            ReadXlsx(await DownloadAsync(bank.Statistics.ExportLoansAsync("xlsx"), Xlsx, "loans-all")),
            (await bank.Statistics.GetLoansAsync()).Rows,
            csv: false
        );
    }

    [Test]
    public async Task ABanksMatches_AsCsvAndXlsx_AreItsListsRows_WithAFormulaMarkedAsTextInCsv()
    {
        var world = await KnownWorld.SeedAsync("Export Bank", "Export loan");
        var bank = world.Bank.Client;
        const string reason = "=HYPERLINK(\"http://evil.example\",\"Click, please\")";
        var pending = world.Requests[2].Matches.Single();
        await bank.Matches.DeclineAsync(pending.Id, new DeclineMatchBody(reason));
        var listed = (await bank.Matches.ListAsync(pageSize: 500)).Items;
        Assert.That(listed, Has.Count.EqualTo(3));

        var csv = ReadCsv(await DownloadAsync(bank.Matches.ExportAsync("csv"), Csv, "matches"));

        Assert.That(
            csv.Headers,
            Is.EqualTo(
                new[]
                {
                    "id",
                    "loanRequestId",
                    "enterpriseId",
                    "productId",
                    "productVersion",
                    "productName",
                    "institutionId",
                    "rank",
                    "fitScore",
                    "status",
                    "approvedAmount",
                    "annualRate",
                    "termMonths",
                    "declineReason",
                    "disbursedAmount",
                    "disbursedOn",
                    "createdAt",
                    "firstRespondedAt",
                    "updatedAt",
                    "declineReasonCode",
                }
            ),
            "the match's scalar fields; its fit, rule checks, guarantee and policies are no cells"
        );
        Assert.That(csv.Rows.Select(r => r["id"]), Is.EqualTo(listed.Select(m => m.Id.ToString())), "the list's order");
        for (var i = 0; i < listed.Count; i++)
            AssertRowIsTheJson(csv.Rows[i], Json(listed[i]), csv: true);
        Assert.That(
            csv.Rows.Single(r => r["id"] == pending.Id.ToString())["declineReason"],
            Is.EqualTo("'" + reason),
            "a spreadsheet shows a formula-like text as text"
        );
        Assert.That(csv.Text, Does.Contain("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click, please\"\")\""));

        var xlsx = ReadXlsx(await DownloadAsync(bank.Matches.ExportAsync("xlsx"), Xlsx, "matches"));
        Assert.That(xlsx.Headers, Is.EqualTo(csv.Headers));
        for (var i = 0; i < listed.Count; i++)
            AssertRowIsTheJson(xlsx.Rows[i], Json(listed[i]), csv: false);
        Assert.That(
            xlsx.Rows.Single(r => r["id"] == pending.Id.ToString())["declineReason"],
            Is.EqualTo(reason),
            "a text cell, never a formula"
        );

        var declined = ReadCsv(await DownloadAsync(bank.Matches.ExportAsync("csv", "declined"), Csv, "matches"));
        Assert.That(declined.Rows.Select(r => r["status"]), Is.EqualTo(new[] { "declined", "declined" }));

        // Another bank's export holds its own matches only: none of these.
        var rival = await Actors.BankAsync();
        var theirs = ReadCsv(await DownloadAsync(rival.Client.Matches.ExportAsync("csv"), Csv, "matches"));
        Assert.That(theirs.Rows, Is.Empty);
        Assert.That(theirs.Headers, Is.EqualTo(csv.Headers), "an empty export keeps its header row");
        var theirsXlsx = ReadXlsx(await DownloadAsync(rival.Client.Matches.ExportAsync("xlsx"), Xlsx, "matches"));
        Assert.That(theirsXlsx.Headers, Is.EqualTo(csv.Headers));
        Assert.That(theirsXlsx.Rows, Is.Empty);
    }

    [Test]
    public async Task ABatchsErrors_AreAllItsRejectedRows_BeyondOnePage_ForThePushingDepartmentAndOperatorsOnly()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        var body = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var i = 1; i <= 600; i++)
            body.Append(CultureInfo.InvariantCulture, $"{uscc},{Batches.Month(1)},-{i},1000\n");
        var batch = await Batches.FinishedAsync(
            department.Client,
            (await Batches.PushAsync(department.Client, FeedType.Tax, body.ToString(), Batches.Csv)).Id
        );
        Assert.That(batch.RejectedRows, Is.EqualTo(600));
        var errors = (await department.Client.Feeds.GetBatchErrorsAsync(batch.Id, pageSize: 500))
            .Items.Concat((await department.Client.Feeds.GetBatchErrorsAsync(batch.Id, 2, 500)).Items)
            .ToList();

        var csv = ReadCsv(
            await DownloadAsync(department.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "csv"), Csv, "batch-errors")
        );
        Assert.That(csv.Headers, Is.EqualTo(new[] { "rowNumber", "field", "message" }));
        AssertTableIsTheJson(csv, errors, csv: true);
        var xlsx = ReadXlsx(
            await DownloadAsync(department.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "xlsx"), Xlsx, "batch-errors")
        );
        AssertTableIsTheJson(xlsx, errors, csv: false);
        var @operator = await TestRun.OperatorAsync();
        Assert.That(
            ReadCsv(await DownloadAsync(@operator.Feeds.ExportBatchErrorsAsync(batch.Id, "csv"), Csv, "")).Rows,
            Has.Count.EqualTo(600)
        );

        // As the list does: another department's or a bank's batch does not exist for them, a firm is refused.
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        await ExpectProblemAsync(HttpStatusCode.NotFound, other.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "csv"));
        await ExpectProblemAsync(HttpStatusCode.NotFound, bank.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "xlsx"));
        await ExpectProblemAsync(HttpStatusCode.Forbidden, firm.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "csv"));
        await ExpectProblemAsync(
            HttpStatusCode.NotFound,
            department.Client.Feeds.ExportBatchErrorsAsync(Guid.NewGuid(), "csv")
        );
        await ExpectFieldErrorAsync("format", department.Client.Feeds.ExportBatchErrorsAsync(batch.Id, "pdf"));
    }

    [Test]
    public async Task FeedHealth_AsCsvAndXlsx_IsTheJson_ForTheDepartmentAndOperators()
    {
        var @operator = await TestRun.OperatorAsync();
        var name = $"佛山市税务局 {Actors.UniqueCode("D")}";
        var created = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody(name, Actors.UniqueCode("DEPT"), [FeedType.Tax, FeedType.Penalty])
        );
        var department = await TestRun.SignInAsync(created.ClientId, created.ClientSecret!);
        var uscc = Usccs.Next();
        await Batches.FinishedAsync(
            department,
            (
                await Batches.PushAsync(
                    department,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Batches.Month(1)},100,2000\n",
                    Batches.Csv
                )
            ).Id
        );

        var feeds = (await department.Statistics.GetFeedsAsync()).Feeds;
        var csv = ReadCsv(await DownloadAsync(department.Statistics.ExportFeedsAsync("csv"), Csv, "feed-health"));
        AssertTableIsTheJson(csv, feeds, csv: true);
        Assert.That(csv.Rows.Select(r => r["departmentName"]).Distinct(), Is.EqualTo(new[] { name }));
        var xlsx = ReadXlsx(await DownloadAsync(department.Statistics.ExportFeedsAsync("xlsx"), Xlsx, "feed-health"));
        AssertTableIsTheJson(xlsx, feeds, csv: false);

        var all = ReadCsv(await DownloadAsync(@operator.Statistics.ExportFeedsAsync("csv"), Csv, "feed-health"));
        Assert.That(
            all.Rows.Where(r => r["departmentId"] == created.Id.ToString()).Select(r => r["feedType"]),
            Is.EquivalentTo(new[] { "tax", "penalty" }),
            "operators export every department's feeds"
        );
    }

    [Test]
    public async Task Exports_AreAuthorizedAndValidatedAsTheJson_FirmsRefused_UnknownFormats400()
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var department = await Actors.DepartmentAsync();
        var anonymous = TestRun.Anonymous();

        await ExpectProblemAsync(HttpStatusCode.Forbidden, firm.Client.Statistics.ExportOverviewAsync("csv"));
        await ExpectProblemAsync(HttpStatusCode.Forbidden, firm.Client.Statistics.ExportBreakdownAsync("csv", "month"));
        await ExpectProblemAsync(HttpStatusCode.Forbidden, firm.Client.Statistics.ExportLoansAsync("xlsx"));
        await ExpectProblemAsync(HttpStatusCode.Forbidden, firm.Client.Statistics.ExportFeedsAsync("csv"));
        await ExpectProblemAsync(HttpStatusCode.Forbidden, bank.Client.Statistics.ExportFeedsAsync("csv"));
        await ExpectProblemAsync(
            HttpStatusCode.Forbidden,
            department.Client.Statistics.ExportBreakdownAsync("csv", "month")
        );
        await ExpectProblemAsync(HttpStatusCode.Forbidden, department.Client.Matches.ExportAsync("csv"));
        await ExpectProblemAsync(HttpStatusCode.Unauthorized, anonymous.Statistics.ExportOverviewAsync("csv"));
        await ExpectProblemAsync(HttpStatusCode.Unauthorized, anonymous.Matches.ExportAsync("xlsx"));

        await ExpectFieldErrorAsync("format", bank.Client.Statistics.ExportOverviewAsync("pdf"));
        await ExpectFieldErrorAsync("format", bank.Client.Statistics.ExportBreakdownAsync("pdf", "month"));
        await ExpectFieldErrorAsync("format", bank.Client.Matches.ExportAsync("pdf"));
        await ExpectFieldErrorAsync("format", department.Client.Statistics.ExportFeedsAsync("json"));
        await ExpectFieldErrorAsync(
            "format",
            bank.Client.Http.GetAsync(new Uri("/api/v1/stats/overview/export", UriKind.Relative))
        );
        await ExpectFieldErrorAsync("by", bank.Client.Statistics.ExportBreakdownAsync("csv", "colour"));
        await ExpectFieldErrorAsync("by", bank.Client.Statistics.ExportLoansAsync("csv", "grade"));
        await ExpectFieldErrorAsync("status", bank.Client.Matches.ExportAsync("csv", "bogus"));
        await ExpectFieldErrorAsync("to", bank.Client.Statistics.ExportOverviewAsync("csv", Today, Today.AddDays(-1)));
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value, FinanceMatchJson.Options);

    /// <summary>A 200 download of the given type, named financematch-{name…}-{today}.csv|xlsx; its bytes.</summary>
    private static async Task<byte[]> DownloadAsync(Task<HttpResponseMessage> call, string mediaType, string name)
    {
        using var response = await call;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), () => Encoding.UTF8.GetString(bytes));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        if (mediaType == Csv)
            Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.That(disposition?.DispositionType, Is.EqualTo("attachment"));
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.That(
            disposition?.FileName?.Trim('"'),
            Does.StartWith($"financematch-{name}")
                .And.EndWith($"-{today}.{(mediaType == Csv ? "csv" : "xlsx")}")
                .And.Match("^[A-Za-z0-9.-]+$")
        );
        return bytes;
    }

    /// <summary>A CSV download read by Sylvan's RFC 4180 reader, after checking its BOM.</summary>
    private static Table ReadCsv(byte[] bytes)
    {
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a BOM, as Excel wants");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        Assert.That(text, Does.EndWith("\r\n"));
        using var csv = CsvDataReader.Create(
            new StringReader(text),
            new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',' }
        );
        var headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i)).ToList();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
            rows.Add(
                headers.Select((header, i) => (header, csv.GetString(i))).ToDictionary(c => c.header, c => c.Item2)
            );
        return new Table(headers, rows, text);
    }

    /// <summary>An XLSX download read by MiniExcel, each cell as text the way the CSV writes it.</summary>
    private static Table ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var cells = MiniExcel
            .Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        var headerOf = cells[0].Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!.ToString()!);
        var rows = cells
            .Skip(1)
            .Select(row =>
                (IReadOnlyDictionary<string, string>)headerOf.ToDictionary(h => h.Value, h => Text(row[h.Key]))
            )
            .ToList();
        return new Table(headerOf.Values.ToList(), rows, "");
    }

    private static string Text(object? cell) =>
        cell switch
        {
            null => "",
            double number => number.ToString(CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
        };

    private static void AssertTableIsTheJson<T>(Table table, IReadOnlyList<T> rows, bool csv)
    {
        Assert.That(table.Rows, Has.Count.EqualTo(rows.Count));
        if (rows.Count > 0)
            Assert.That(table.Headers, Is.EqualTo(Json(rows[0]).EnumerateObject().Select(p => p.Name)));
        for (var i = 0; i < rows.Count; i++)
            AssertRowIsTheJson(table.Rows[i], Json(rows[i]), csv);
    }

    /// <summary>
    /// Every cell says what the JSON says: the same number, the same instant, the same text (in CSV a text a spreadsheet
    /// would take for a formula has an apostrophe before it), nothing for null.
    /// </summary>
    private static void AssertRowIsTheJson(IReadOnlyDictionary<string, string> row, JsonElement json, bool csv)
    {
        foreach (var (column, cell) in row)
        {
            var value = json.GetProperty(column);
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    Assert.That(cell, Is.Empty, column);
                    break;
                case JsonValueKind.Number:
                    Assert.That(
                        decimal.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture),
                        Is.EqualTo(value.GetDecimal()),
                        column
                    );
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    Assert.That(cell, Is.EqualTo(value.GetBoolean() ? "true" : "false"), column);
                    break;
                case JsonValueKind.String
                    when value.GetString()!.Contains('T') && value.TryGetDateTimeOffset(out var at):
                    Assert.That(DateTimeOffset.Parse(cell, CultureInfo.InvariantCulture), Is.EqualTo(at), column);
                    break;
                case JsonValueKind.String:
                    var text = value.GetString()!;
                    var marked = csv && text.Length > 0 && "=+-@\t\r".Contains(text[0]);
                    Assert.That(cell, Is.EqualTo(marked ? "'" + text : text), column);
                    break;
                default:
                    Assert.Fail($"{column} is no cell: {value}");
                    break;
            }
        }
    }

    private static async Task<JsonElement> ExpectProblemAsync(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await Problems.ExpectRawAsync(status, await call);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.Clone();
    }

    private static async Task ExpectFieldErrorAsync(string field, Task<HttpResponseMessage> call)
    {
        var problem = await ExpectProblemAsync(HttpStatusCode.BadRequest, call);
        Assert.That(problem.TryGetProperty("errors", out var errors), Is.True, problem.ToString());
        Assert.That(errors.TryGetProperty(field, out _), Is.True, $"no error for '{field}' in {errors}");
    }
}
