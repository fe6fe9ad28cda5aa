using System.Text;
using System.Text.Json;

namespace FinanceMatch.Core.Feeds.Parsing;

internal static class JsonRow
{
    /// <summary>Copies an object's known properties into the row; numbers keep their exact text so no precision is lost.</summary>
    public static void Read(JsonElement element, FeedSchema schema, string?[] values, List<FieldError> rowErrors)
    {
        Array.Clear(values);
        if (element.ValueKind != JsonValueKind.Object)
        {
            rowErrors.Add(new("$", "Each record must be a JSON object."));
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            var index = schema.IndexOf(property.Name);
            if (index < 0)
                continue;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[index] = property.Value.GetString();
                    break;
                case JsonValueKind.Number:
                    values[index] = property.Value.GetRawText();
                    break;
                case JsonValueKind.Null:
                    values[index] = null;
                    break;
                default:
                    rowErrors.Add(
                        new(schema.Fields[index].Name, $"{schema.Fields[index].Name} must be a string or a number.")
                    );
                    break;
            }
        }
    }
}

/// <summary>A JSON array of record objects, read one element at a time.</summary>
public sealed class JsonArrayFeedRowReader(Stream body, FeedSchema schema) : FeedRowReader(schema)
{
    private IAsyncEnumerator<JsonElement>? elements;

    public override async ValueTask<bool> ReadAsync(string?[] values, List<FieldError> rowErrors, CancellationToken ct)
    {
        elements ??= JsonSerializer
            .DeserializeAsyncEnumerable<JsonElement>(body, cancellationToken: ct)
            .GetAsyncEnumerator(ct);
        try
        {
            if (!await elements.MoveNextAsync())
                return false;
        }
        catch (JsonException e)
        {
            throw new FeedFormatException(
                RowNumber == 0
                    ? "The body is not a JSON array of records."
                    : $"The JSON is malformed after record {RowNumber}: {e.Message}",
                e
            );
        }
        catch (DecoderFallbackException e)
        {
            throw new FeedFormatException("The JSON is not valid UTF-8.", e);
        }
        RowNumber++;
        JsonRow.Read(elements.Current, Schema, values, rowErrors);
        return true;
    }

    public override ValueTask DisposeAsync() => elements?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>One JSON object per line; a line that is not JSON rejects that row only. Blank lines are skipped.</summary>
public sealed class NdjsonFeedRowReader(Stream body, FeedSchema schema) : FeedRowReader(schema)
{
    private readonly StreamReader lines = new(
        body,
        StrictUtf8,
        detectEncodingFromByteOrderMarks: true,
        bufferSize: 1 << 16
    );

    public override async ValueTask<bool> ReadAsync(string?[] values, List<FieldError> rowErrors, CancellationToken ct)
    {
        string? line;
        try
        {
            do
            {
                line = await lines.ReadLineAsync(ct);
                if (line is null)
                    return false;
            } while (string.IsNullOrWhiteSpace(line));
        }
        catch (DecoderFallbackException e)
        {
            throw new FeedFormatException($"The NDJSON is not valid UTF-8 (after row {RowNumber}).", e);
        }
        RowNumber++;
        try
        {
            using var document = JsonDocument.Parse(line);
            JsonRow.Read(document.RootElement, Schema, values, rowErrors);
        }
        catch (JsonException)
        {
            Array.Clear(values);
            rowErrors.Add(new("$", "The line is not valid JSON."));
        }
        return true;
    }

    public override ValueTask DisposeAsync()
    {
        lines.Dispose();
        return ValueTask.CompletedTask;
    }
}
