using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>The formats a table is downloaded in: <c>?format=csv</c> or <c>?format=xlsx</c>.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>One column of an export: its header and how a row gives its value.</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Tables as downloads: the rows a JSON endpoint answers, for people who open them in a spreadsheet. Each export is a
/// route of its own (<c>…/export?format=csv|xlsx</c> beside the JSON one, the same filters and authorization), so the
/// OpenAPI document and the Refit client keep one response type per operation and a page can link to a download.
/// <list type="bullet">
/// <item>Columns: by default the row record's scalar properties in declaration order, headed by their JSON (camelCase)
/// names; nested objects and lists are left out (a cell holds one value). A slice may give its own list.</item>
/// <item>Values as on the wire, whatever the server's culture: numbers with '.', dates <c>YYYY-MM-DD</c>, instants ISO
/// 8601 in UTC (<c>…Z</c>), enums by their camelCase names, nothing for null.</item>
/// <item>CSV (RFC 4180): UTF-8 with a BOM (so that Excel reads Chinese text as UTF-8), a header row, CRLF line ends, a
/// field holding a comma, a quote, CR or LF in quotes with its quotes doubled. Streamed: each row is written as it is
/// read. The first row is read before a byte is sent, so a query that fails still answers a problem.</item>
/// <item>Formula injection: in CSV a text beginning with <c>= + - @</c>, a tab or CR gets a leading apostrophe (OWASP's
/// advice), so a spreadsheet shows it as text instead of evaluating it; numbers are never marked (-5 stays -5). XLSX
/// needs no mark: every text is written as a typed text cell, never a formula, and reads back exactly as it was.</item>
/// <item>XLSX (MiniExcel): its SaveAsAsync closes the zip archive and its entries with synchronous writes, which Kestrel
/// refuses on a response body, and a zip's directory comes last anyway. So the workbook is written to a temporary file
/// (deleted when closed) from the rows as they are read, then sent with its length.</item>
/// </list>
/// </summary>
public static class TabularExport
{
    public const string CsvMediaType = "text/csv";
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An XLSX sheet's name may not be longer.</summary>
    private const int SheetNameLength = 31;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> QuotedWhenHeld = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");

    /// <summary>The <c>format</c> query parameter; anything but csv or xlsx, or none, is a 400 naming it.</summary>
    public static ExportFormat ParseFormat(string? format) => EnumText.Parse<ExportFormat>(format, "format");

    /// <summary>The record's scalar properties in declaration order, headed by their JSON (camelCase) names.</summary>
    public static IReadOnlyList<ExportColumn<T>> ColumnsOf<T>() => Columns<T>.OfRecord;

    /// <summary>The rows as a download of the given format, named <c>financematch-{name}-{today}.csv|xlsx</c>.</summary>
    public static IResult Download<T>(
        IAsyncEnumerable<T> rows,
        ExportFormat format,
        string name,
        TimeProvider clock,
        IReadOnlyList<ExportColumn<T>>? columns = null
    ) =>
        new DownloadResult<T>(
            rows,
            columns ?? ColumnsOf<T>(),
            format,
            FileName(name, format, clock),
            name.Length <= SheetNameLength ? name : name[..SheetNameLength]
        );

    /// <summary>Rows already in memory (a statistics table) as a download, as above.</summary>
    public static IResult Download<T>(
        IReadOnlyCollection<T> rows,
        ExportFormat format,
        string name,
        TimeProvider clock,
        IReadOnlyList<ExportColumn<T>>? columns = null
    ) => Download(rows.ToAsyncEnumerable(), format, name, clock, columns);

    /// <summary><c>financematch-{name}-{YYYY-MM-DD}.csv|xlsx</c>: plain ASCII, which every browser and mail client keeps.</summary>
    public static string FileName(string name, ExportFormat format, TimeProvider clock)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException($"An export is named with ASCII letters, digits and dashes (was '{name}').");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var extension = format == ExportFormat.Csv ? "csv" : "xlsx";
        return $"financematch-{name}-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";
    }

    /// <summary>
    /// A download route: 200 with CSV or XLSX, and at most <see cref="RateLimitOptions.ConcurrentExports"/> downloads of a
    /// client at once (429 beyond): a CSV streams from an open database reader and an XLSX fills a temporary file, so a
    /// client holding many slow downloads open would hold as many connections or files.
    /// </summary>
    public static RouteHandlerBuilder IsExport(this RouteHandlerBuilder builder) =>
        builder
            .Produces(StatusCodes.Status200OK, typeof(Stream), CsvMediaType, XlsxMediaType)
            .RequireRateLimiting(RateLimits.ExportPolicy);

    /// <summary>A value as a cell holds it: numbers and booleans as they are, anything else as its wire text.</summary>
    public static object? CellValue(object? value) =>
        value switch
        {
            null => null,
            string or bool or decimal or long or int or short or byte => value,
            double number => double.IsFinite(number) ? number : (object)number.ToString(CultureInfo.InvariantCulture),
            float number => float.IsFinite(number) ? number : (object)number.ToString(CultureInfo.InvariantCulture),
            Enum member => JsonNamingPolicy.CamelCase.ConvertName(member.ToString()),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.UtcDateTime.ToString(
                "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
                CultureInfo.InvariantCulture
            ),
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            Guid id => id.ToString("D"),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

    /// <summary>One CSV field: the value's wire text, a formula-like text marked as text, quoted when RFC 4180 asks.</summary>
    public static string CsvField(object? value) =>
        Quoted(
            CellValue(value) switch
            {
                null => "",
                string text => AsText(text),
                bool flag => flag ? "true" : "false",
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            }
        );

    /// <summary>A text a spreadsheet would take for a formula, with an apostrophe before it so that it shows as text.</summary>
    public static string AsText(string text) => text.Length > 0 && FormulaStart.Contains(text[0]) ? "'" + text : text;

    /// <summary>Writes the rows as CSV to <paramref name="output"/>: the BOM, the header row, then each row as it is read.</summary>
    public static async Task WriteCsvAsync<T>(
        Stream output,
        IAsyncEnumerable<T> rows,
        IReadOnlyList<ExportColumn<T>> columns,
        CancellationToken ct
    )
    {
        await using var row = rows.GetAsyncEnumerator(ct);
        await WriteCsvAsync(output, row, await row.MoveNextAsync(), columns, ct);
    }

    /// <summary>Writes the rows as an XLSX workbook of one sheet, the header row first, to a seekable stream.</summary>
    public static async Task WriteXlsxAsync<T>(
        Stream output,
        IAsyncEnumerable<T> rows,
        IReadOnlyList<ExportColumn<T>> columns,
        string sheetName,
        CancellationToken ct
    )
    {
        await using var table = new RowTable<T>(rows, columns, ct);
        await output.SaveAsAsync(
            table,
            printHeader: true,
            sheetName: sheetName,
            excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration(),
            cancellationToken: ct
        );
    }

    /// <summary>The CSV after its first row was read (<paramref name="more"/>: whether there was one).</summary>
    private static async Task WriteCsvAsync<T>(
        Stream output,
        IAsyncEnumerator<T> row,
        bool more,
        IReadOnlyList<ExportColumn<T>> columns,
        CancellationToken ct
    )
    {
        await output.WriteAsync(Utf8Bom, ct);
        // Only asynchronous writes: Kestrel refuses a synchronous one, which a full StreamWriter buffer would otherwise make.
        await using var writer = new StreamWriter(output, Utf8WithoutBom, bufferSize: 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        for (var i = 0; i < columns.Count; i++)
            line.Append(i == 0 ? "" : ",").Append(Quoted(columns[i].Header));
        line.Append("\r\n");
        await writer.WriteAsync(line, ct);
        while (more)
        {
            line.Clear();
            for (var i = 0; i < columns.Count; i++)
                line.Append(i == 0 ? "" : ",").Append(CsvField(columns[i].Value(row.Current)));
            line.Append("\r\n");
            await writer.WriteAsync(line, ct);
            more = await row.MoveNextAsync();
        }
        await writer.FlushAsync(ct);
    }

    private static string Quoted(string field) =>
        field.AsSpan().ContainsAny(QuotedWhenHeld)
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    private static bool IsScalar(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive
            || underlying.IsEnum
            || underlying == typeof(string)
            || underlying == typeof(decimal)
            || underlying == typeof(Guid)
            || underlying == typeof(DateOnly)
            || underlying == typeof(TimeOnly)
            || underlying == typeof(DateTime)
            || underlying == typeof(DateTimeOffset)
            || underlying == typeof(TimeSpan);
    }

    private static class Columns<T>
    {
        public static readonly IReadOnlyList<ExportColumn<T>> OfRecord = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && IsScalar(p.PropertyType))
            .OrderBy(p => p.MetadataToken)
            .Select(p => new ExportColumn<T>(JsonNamingPolicy.CamelCase.ConvertName(p.Name), row => p.GetValue(row)))
            .ToList();
    }

    private sealed class DownloadResult<T>(
        IAsyncEnumerable<T> rows,
        IReadOnlyList<ExportColumn<T>> columns,
        ExportFormat format,
        string fileName,
        string sheetName
    ) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var ct = httpContext.RequestAborted;
            var response = httpContext.Response;
            if (format == ExportFormat.Csv)
            {
                await using var row = rows.GetAsyncEnumerator(ct);
                var more = await row.MoveNextAsync();
                Describe(response, $"{CsvMediaType}; charset=utf-8");
                await WriteCsvAsync(response.Body, row, more, columns, ct);
                return;
            }

            await using var workbook = new FileStream(
                Path.Combine(Path.GetTempPath(), $"financematch-export-{Guid.NewGuid():N}.xlsx"),
                FileMode.CreateNew,
                FileAccess.ReadWrite,
                FileShare.None,
                bufferSize: 1 << 16,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose
            );
            await WriteXlsxAsync(workbook, rows, columns, sheetName, ct);
            Describe(response, XlsxMediaType);
            response.ContentLength = workbook.Length;
            workbook.Position = 0;
            await workbook.CopyToAsync(response.Body, ct);
        }

        private void Describe(HttpResponse response, string contentType)
        {
            response.ContentType = contentType;
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            // The figures are the caller's own: no shared cache keeps them.
            response.Headers.CacheControl = "no-store";
        }
    }

    /// <summary>
    /// The rows as the asynchronous data reader MiniExcel pulls from, one row at a time; unlike a sequence of records it
    /// names its columns even when no row comes, so an empty export still has its header row.
    /// </summary>
    private sealed class RowTable<T>(
        IAsyncEnumerable<T> rows,
        IReadOnlyList<ExportColumn<T>> columns,
        CancellationToken ct
    ) : MiniExcelDataReaderBase
    {
        private IAsyncEnumerator<T>? enumerator;
        private T? current;

        public override int FieldCount => columns.Count;

        public override string GetName(int i) => columns[i].Header;

        public override object GetValue(int i) => CellValue(columns[i].Value(current!)) ?? DBNull.Value;

        public override bool Read() => throw new NotSupportedException("An export's rows are read asynchronously.");

        public override async Task<bool> ReadAsync(CancellationToken cancellationToken = default)
        {
            enumerator ??= rows.GetAsyncEnumerator(ct);
            if (!await enumerator.MoveNextAsync())
                return false;
            current = enumerator.Current;
            return true;
        }

        public override async ValueTask DisposeAsync()
        {
            if (enumerator is not null)
                await enumerator.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
