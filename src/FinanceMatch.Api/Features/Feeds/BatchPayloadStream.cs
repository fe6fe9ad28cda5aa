using FinanceMatch.Api.Infrastructure;
using Npgsql;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Reads a stored batch back as one forward-only stream, a chunk at a time, on its own connection (so the processing
/// transaction's connection stays free for COPY). <see cref="Position"/> drives the batch's progress.
/// </summary>
internal sealed class BatchPayloadStream : Stream
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlCommand command;
    private readonly NpgsqlDataReader reader;
    private byte[] chunk = [];
    private int offset;
    private long position;

    private BatchPayloadStream(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader)
    {
        this.connection = connection;
        this.command = command;
        this.reader = reader;
    }

    public static async Task<BatchPayloadStream> OpenAsync(
        NpgsqlDataSource dataSource,
        Guid batchId,
        CancellationToken ct
    )
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        var command = Sql.Command(
            connection,
            "SELECT data FROM financematch.feed_batch_chunks WHERE batch_id = $1 ORDER BY sequence",
            batchId
        );
        var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        return new BatchPayloadStream(connection, command, reader);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (offset == chunk.Length)
        {
            if (!await reader.ReadAsync(cancellationToken))
                return 0;
            chunk = await reader.GetFieldValueAsync<byte[]>(0, cancellationToken);
            offset = 0;
        }
        var count = Math.Min(buffer.Length, chunk.Length - offset);
        chunk.AsMemory(offset, count).CopyTo(buffer);
        offset += count;
        position += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
        await base.DisposeAsync();
    }
}
