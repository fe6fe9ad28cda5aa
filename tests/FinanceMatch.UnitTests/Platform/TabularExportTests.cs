using System.Text;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FluentValidation;
using MiniExcelLibs;

namespace FinanceMatch.UnitTests.Platform;

public sealed class TabularExportTests
{
    private sealed record Nested(int Value);

    private sealed record Row(
        string Name,
        decimal Amount,
        DateOnly On,
        DateTimeOffset At,
        BatchStatus Status,
        double? Rate,
        bool Quiet,
        IReadOnlyList<int> Tags,
        Nested Inner
    );

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly Row QuotedRow = new(
        "小微快贷, \"税易贷\"",
        1234.5m,
        new DateOnly(2026, 12, 2),
        new DateTimeOffset(2026, 12, 2, 18, 30, 0, TimeSpan.FromHours(8)),
        BatchStatus.CompletedWithErrors,
        null,
        true,
        [1, 2],
        new Nested(1)
    );

    private static readonly Row FormulaRow = new(
        "=1+2",
        -5m,
        new DateOnly(2026, 1, 31),
        new DateTimeOffset(2026, 1, 31, 0, 0, 0, 250, TimeSpan.Zero),
        BatchStatus.Failed,
        0.25,
        false,
        [],
        new Nested(2)
    );

    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [TestCase("two\nlines", "\"two\nlines\"")]
    [TestCase("two\r\nlines", "\"two\r\nlines\"")]
    [TestCase("", "")]
    [TestCase(" padded ", " padded ")]
    [TestCase("广东省税务局", "广东省税务局")]
    public void CsvField_IsQuotedOnlyWhereRfc4180AsksIt_WithItsQuotesDoubled(string value, string expected) =>
        Assert.That(TabularExport.CsvField(value), Is.EqualTo(expected));

    [TestCase("=1+2", "'=1+2")]
    [TestCase("+86 20 1234 5678", "'+86 20 1234 5678")]
    [TestCase("-5 days late", "'-5 days late")]
    [TestCase("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [TestCase("\tcmd", "'\tcmd")]
    [TestCase("=HYPERLINK(\"http://x.example\",\"y\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"")]
    [TestCase("a=b", "a=b")]
    [TestCase("'=quoted already", "'=quoted already")]
    public void CsvField_FormulaLikeText_GetsALeadingApostrophe(string value, string expected) =>
        Assert.That(TabularExport.CsvField(value), Is.EqualTo(expected));

    [Test]
    public void CsvField_WritesValuesAsTheWireDoes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TabularExport.CsvField(null), Is.Empty);
            Assert.That(TabularExport.CsvField(-5m), Is.EqualTo("-5"), "a number is never marked as text");
            Assert.That(TabularExport.CsvField(1234567.89m), Is.EqualTo("1234567.89"));
            Assert.That(TabularExport.CsvField(0.5), Is.EqualTo("0.5"));
            Assert.That(TabularExport.CsvField(42L), Is.EqualTo("42"));
            Assert.That(TabularExport.CsvField(true), Is.EqualTo("true"));
            Assert.That(TabularExport.CsvField(new DateOnly(2026, 12, 2)), Is.EqualTo("2026-12-02"));
            Assert.That(
                TabularExport.CsvField(new DateTimeOffset(2026, 12, 2, 18, 30, 0, TimeSpan.FromHours(8))),
                Is.EqualTo("2026-12-02T10:30:00Z")
            );
            Assert.That(
                TabularExport.CsvField(new DateTimeOffset(2026, 12, 2, 10, 30, 0, 250, TimeSpan.Zero)),
                Is.EqualTo("2026-12-02T10:30:00.25Z")
            );
            Assert.That(TabularExport.CsvField(BatchStatus.CompletedWithErrors), Is.EqualTo("completedWithErrors"));
            Assert.That(
                TabularExport.CsvField(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")),
                Is.EqualTo("0f8fad5b-d9cb-469f-a165-70867728950e")
            );
        });
    }

    [Test]
    public void Columns_AreTheRecordsScalarProperties_InOrder_ByTheirJsonNames() =>
        Assert.That(
            TabularExport.ColumnsOf<Row>().Select(c => c.Header),
            Is.EqualTo(new[] { "name", "amount", "on", "at", "status", "rate", "quiet" }),
            "a list or a nested object is no cell"
        );

    [Test]
    public async Task Csv_StartsWithTheBom_HasAHeaderRow_AndEndsEveryLineWithCrLf()
    {
        var text = await CsvAsync([QuotedRow, FormulaRow], TabularExport.ColumnsOf<Row>());

        Assert.That(
            text,
            Is.EqualTo(
                "\uFEFF"
                    + "name,amount,on,at,status,rate,quiet\r\n"
                    + "\"小微快贷, \"\"税易贷\"\"\",1234.5,2026-12-02,2026-12-02T10:30:00Z,completedWithErrors,,true\r\n"
                    + "'=1+2,-5,2026-01-31,2026-01-31T00:00:00.25Z,failed,0.25,false\r\n"
            )
        );
    }

    [Test]
    public async Task Csv_WithAnExplicitColumnList_WritesThoseColumns_AndAnEmptyExportKeepsItsHeader()
    {
        var columns = new ExportColumn<Row>[] { new("label", r => r.Name), new("tags", r => r.Tags.Count) };

        Assert.That(
            await CsvAsync([QuotedRow], columns),
            Is.EqualTo("\uFEFFlabel,tags\r\n\"小微快贷, \"\"税易贷\"\"\",2\r\n")
        );
        Assert.That(await CsvAsync([], columns), Is.EqualTo("\uFEFFlabel,tags\r\n"));
    }

    [Test]
    public async Task Xlsx_ReadsBackWithMiniExcel_TextAsTextNumbersAsNumbers_AndFormulasNeverEvaluated()
    {
        var (headers, rows) = await XlsxAsync([QuotedRow, FormulaRow]);

        Assert.That(headers, Is.EqualTo(new[] { "name", "amount", "on", "at", "status", "rate", "quiet" }));
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(rows[0]["name"], Is.EqualTo("小微快贷, \"税易贷\""));
            Assert.That(rows[0]["amount"], Is.EqualTo(1234.5));
            Assert.That(rows[0]["on"], Is.EqualTo("2026-12-02"));
            Assert.That(rows[0]["at"], Is.EqualTo("2026-12-02T10:30:00Z"));
            Assert.That(rows[0]["status"], Is.EqualTo("completedWithErrors"));
            Assert.That(rows[0]["rate"], Is.Null);
            Assert.That(rows[0]["quiet"], Is.True);
            Assert.That(rows[1]["name"], Is.EqualTo("=1+2"), "a text cell, never a formula: no mark needed");
            Assert.That(rows[1]["amount"], Is.EqualTo(-5.0));
            Assert.That(rows[1]["rate"], Is.EqualTo(0.25));
        });
    }

    [Test]
    public async Task Xlsx_WithNoRows_StillHasItsHeaderRow()
    {
        var (headers, rows) = await XlsxAsync([]);

        Assert.That(headers, Is.EqualTo(new[] { "name", "amount", "on", "at", "status", "rate", "quiet" }));
        Assert.That(rows, Is.Empty);
    }

    [Test]
    public void FileName_IsAscii_WithTodaysDate()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero));

        Assert.That(
            TabularExport.FileName("statistics", ExportFormat.Csv, clock),
            Is.EqualTo("financematch-statistics-2026-12-02.csv")
        );
        Assert.That(
            TabularExport.FileName("breakdown-institution", ExportFormat.Xlsx, clock),
            Is.EqualTo("financematch-breakdown-institution-2026-12-02.xlsx")
        );
        Assert.Throws<ArgumentException>(() => TabularExport.FileName("统计", ExportFormat.Csv, clock));
    }

    [TestCase("csv", ExportFormat.Csv)]
    [TestCase("XLSX", ExportFormat.Xlsx)]
    public void Format_IsCsvOrXlsx(string given, ExportFormat expected) =>
        Assert.That(TabularExport.ParseFormat(given), Is.EqualTo(expected));

    [TestCase("pdf")]
    [TestCase("1")]
    [TestCase("")]
    public void AnyOtherFormat_IsAValidationErrorNamingFormat(string given)
    {
        var error = Assert.Throws<ValidationException>(() => TabularExport.ParseFormat(given));
        Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "format" }));
    }

    [Test]
    public void NoFormat_IsAValidationErrorNamingFormat()
    {
        var error = Assert.Throws<ValidationException>(() => TabularExport.ParseFormat(null));
        Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "format" }));
    }

    private static async Task<string> CsvAsync(IReadOnlyList<Row> rows, IReadOnlyList<ExportColumn<Row>> columns)
    {
        using var output = new MemoryStream();
        await TabularExport.WriteCsvAsync(output, rows.ToAsyncEnumerable(), columns, CancellationToken.None);
        var bytes = output.ToArray();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a BOM");
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes);
    }

    private static async Task<(List<string> Headers, List<Dictionary<string, object?>> Rows)> XlsxAsync(
        IReadOnlyList<Row> rows
    )
    {
        using var output = new MemoryStream();
        await TabularExport.WriteXlsxAsync(
            output,
            rows.ToAsyncEnumerable(),
            TabularExport.ColumnsOf<Row>(),
            "rows",
            CancellationToken.None
        );
        output.Position = 0;
        var cells = MiniExcel
            .Query(output, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .ToList();
        var headerOf = cells[0].Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value!.ToString()!);
        return (
            headerOf.Values.ToList(),
            cells.Skip(1).Select(row => headerOf.ToDictionary(h => h.Value, h => row[h.Key])).ToList()
        );
    }
}
