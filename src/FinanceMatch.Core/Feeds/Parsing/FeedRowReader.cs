using System.Text;

namespace FinanceMatch.Core.Feeds.Parsing;

/// <summary>The batch as a whole cannot be read (not the format it claims, a CSV without a required column, too many rows).</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a batch body row by row, whatever its format, into raw values aligned with a <see cref="FeedSchema"/>.
/// Readers stream: memory does not grow with the size of the batch.
/// </summary>
public abstract class FeedRowReader : IAsyncDisposable
{
    protected static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true
    );

    protected FeedRowReader(FeedSchema schema) => Schema = schema;

    protected FeedSchema Schema { get; }

    /// <summary>1-based number of the row last read (the CSV header is not counted).</summary>
    public int RowNumber { get; protected set; }

    /// <summary>
    /// Fills <paramref name="values"/> with the next row (null where absent) and adds any problem that belongs to this row
    /// alone to <paramref name="rowErrors"/>. False at the end of the batch.
    /// </summary>
    public abstract ValueTask<bool> ReadAsync(string?[] values, List<FieldError> rowErrors, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    public static async Task<FeedRowReader> OpenAsync(
        BatchFormat format,
        Stream body,
        FeedSchema schema,
        CancellationToken ct
    ) =>
        format switch
        {
            BatchFormat.Csv => await CsvFeedRowReader.OpenAsync(body, schema, ct),
            BatchFormat.Ndjson => new NdjsonFeedRowReader(body, schema),
            _ => new JsonArrayFeedRowReader(body, schema),
        };
}
