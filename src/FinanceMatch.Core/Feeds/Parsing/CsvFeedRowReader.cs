using System.Text;
using Sylvan.Data.Csv;

namespace FinanceMatch.Core.Feeds.Parsing;

/// <summary>UTF-8 CSV (optional BOM) with a header row naming the fields in any order; unknown columns are ignored.</summary>
public sealed class CsvFeedRowReader : FeedRowReader
{
    private readonly CsvDataReader csv;
    private readonly int[] columnOfField;

    private CsvFeedRowReader(CsvDataReader csv, FeedSchema schema, int[] columnOfField)
        : base(schema)
    {
        this.csv = csv;
        this.columnOfField = columnOfField;
    }

    public static async Task<CsvFeedRowReader> OpenAsync(Stream body, FeedSchema schema, CancellationToken ct)
    {
        var text = new StreamReader(body, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(
                text,
                new CsvDataReaderOptions
                {
                    HasHeaders = true,
                    Delimiter = ',',
                    HeaderComparer = StringComparer.OrdinalIgnoreCase,
                    BufferSize = 1 << 16,
                },
                ct
            );
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            throw new FeedFormatException(
                e is DecoderFallbackException
                    ? "The CSV is not valid UTF-8."
                    : $"The CSV header cannot be read: {e.Message}",
                e
            );
        }

        var columns = new int[schema.Fields.Count];
        var missing = new List<string>();
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            columns[i] = csv.GetOrdinalOrDefault(schema.Fields[i].Name);
            if (columns[i] < 0 && schema.Fields[i].Required)
                missing.Add(schema.Fields[i].Name);
        }
        if (csv.FieldCount == 0)
            throw new FeedFormatException("The CSV has no header row.");
        if (missing.Count > 0)
            throw new FeedFormatException($"The CSV is missing required column(s): {string.Join(", ", missing)}.");
        return new CsvFeedRowReader(csv, schema, columns);
    }

    public override async ValueTask<bool> ReadAsync(string?[] values, List<FieldError> rowErrors, CancellationToken ct)
    {
        try
        {
            if (!await csv.ReadAsync(ct))
                return false;
        }
        catch (DecoderFallbackException e)
        {
            throw new FeedFormatException($"The CSV is not valid UTF-8 (after row {RowNumber}).", e);
        }
        catch (CsvFormatException e)
        {
            throw new FeedFormatException($"The CSV is malformed after row {RowNumber}: {e.Message}", e);
        }
        RowNumber++;
        for (var i = 0; i < columnOfField.Length; i++)
        {
            var column = columnOfField[i];
            values[i] = column >= 0 && column < csv.RowFieldCount ? NullIfEmpty(csv.GetString(column)) : null;
        }
        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    public override ValueTask DisposeAsync() => csv.DisposeAsync();
}

internal static class CsvDataReaderExtensions
{
    public static int GetOrdinalOrDefault(this CsvDataReader csv, string name)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (string.Equals(csv.GetName(i).Trim(), name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
