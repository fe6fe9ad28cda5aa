using System.Text;
using FinanceMatch.Core.Feeds;
using FinanceMatch.Core.Feeds.Parsing;

namespace FinanceMatch.UnitTests.Feeds;

public sealed class FeedRowReaderTests
{
    private static async Task<List<(int Row, string?[] Values, List<FieldError> Errors)>> ReadAllAsync(
        BatchFormat format,
        byte[] body,
        FeedType type = FeedType.Tax
    )
    {
        var schema = FeedSchema.For(type);
        await using var reader = await FeedRowReader.OpenAsync(
            format,
            new MemoryStream(body),
            schema,
            CancellationToken.None
        );
        var rows = new List<(int, string?[], List<FieldError>)>();
        while (true)
        {
            var values = new string?[schema.Fields.Count];
            var errors = new List<FieldError>();
            if (!await reader.ReadAsync(values, errors, CancellationToken.None))
                break;
            rows.Add((reader.RowNumber, values, errors));
        }
        return rows;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public async Task Csv_QuotedFieldsWithCommasAndNewlines_AreOneValue()
    {
        var rows = await ReadAllAsync(
            BatchFormat.Csv,
            Utf8(
                "uscc,decisionNo,authority,decidedOn,severity,amount\r\n\"X1\",\"A,1\",\"Line one\nline two\",2026-01-01,minor,1\r\n"
            ),
            FeedType.Penalty
        );
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].Values[1], Is.EqualTo("A,1"));
        Assert.That(rows[0].Values[3], Is.EqualTo("Line one\nline two"));
    }

    [Test]
    public async Task Csv_HeaderIsCaseInsensitive_UnknownColumnsIgnored_RowNumbersSkipTheHeader()
    {
        var rows = await ReadAllAsync(
            BatchFormat.Csv,
            Utf8("\uFEFFUSCC,Extra,Period,TaxPaid,TaxableRevenue\na,zzz,2026-01,1,2\nb,zzz,2026-02,3,4\n")
        );
        Assert.That(rows.Select(r => r.Row), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(rows[1].Values[..4], Is.EqualTo(new[] { "b", "2026-02", "3", "4" }));
    }

    [Test]
    public async Task Csv_MissingRequiredColumn_FailsTheBatch()
    {
        var error = await Assert.ThrowsAsync<FeedFormatException>(() =>
            ReadAllAsync(BatchFormat.Csv, Utf8("uscc,period\na,2026-01\n"))
        );
        Assert.That(error!.Message, Does.Contain("taxPaid").And.Contain("taxableRevenue"));
    }

    [Test]
    public async Task Csv_InvalidUtf8_FailsTheBatch()
    {
        var body = Utf8("uscc,period,taxPaid,taxableRevenue\n").Concat(new byte[] { 0xFF, 0xFE, 0x41, 0x0A }).ToArray();
        await Assert.ThrowsAsync<FeedFormatException>(() => ReadAllAsync(BatchFormat.Csv, body));
    }

    [Test]
    public async Task Json_NumbersKeepTheirExactText_WrongTypesAreRowErrors()
    {
        var rows = await ReadAllAsync(
            BatchFormat.Json,
            Utf8("[{\"uscc\":\"a\",\"taxPaid\":12.50,\"taxableRevenue\":true}, 7]")
        );
        Assert.That(rows[0].Values[2], Is.EqualTo("12.50"));
        Assert.That(rows[0].Errors.Single().Field, Is.EqualTo("taxableRevenue"));
        Assert.That(rows[1].Errors.Single().Message, Does.Contain("object"));
    }

    [Test]
    public async Task Json_NotAnArray_FailsTheBatch() =>
        await Assert.ThrowsAsync<FeedFormatException>(() => ReadAllAsync(BatchFormat.Json, Utf8("{\"uscc\":\"a\"}")));

    [Test]
    public async Task Ndjson_BadLineRejectsThatRowOnly_BlankLinesSkipped()
    {
        var rows = await ReadAllAsync(BatchFormat.Ndjson, Utf8("{\"uscc\":\"a\"}\n\nnot json\n{\"uscc\":\"c\"}"));
        Assert.That(rows.Select(r => r.Row), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rows[1].Errors.Single().Message, Does.Contain("not valid JSON"));
        Assert.That(rows[2].Values[0], Is.EqualTo("c"));
    }
}
