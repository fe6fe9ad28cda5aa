using System.Security.Cryptography;
using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Errors;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Feeds;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using DomainBatchFormat = FinanceMatch.Core.Feeds.BatchFormat;
using DomainFeedType = FinanceMatch.Core.Feeds.FeedType;
using DomainRole = FinanceMatch.Core.Identity.Role;

namespace FinanceMatch.Api.Features.Feeds;

/// <summary>
/// Streams a pushed batch into PostgreSQL in 1 MiB chunks (memory stays flat whatever its size), records it as queued and
/// hands it to the ingest queue. The upload is one transaction: a broken connection or an oversize body leaves nothing.
/// </summary>
public static class ReceiveBatch
{
    /// <summary>
    /// A department's batch (<paramref name="InstitutionId"/> null), a bank's loanPerformance batch, or the members of a
    /// department's list (<paramref name="ListId"/>, added to or replacing them as <paramref name="ListReplace"/> says).
    /// </summary>
    public sealed record Command(
        Guid? DepartmentId,
        Guid? InstitutionId,
        DomainFeedType FeedType,
        DomainBatchFormat Format,
        Stream Body,
        string? IdempotencyKey,
        string CallerScope,
        Guid? ListId = null,
        bool ListReplace = false
    ) : IRequest<Received>;

    public sealed record Received(BatchDto Batch, bool Replayed, string Location);

    public sealed class Handler(
        NpgsqlDataSource dataSource,
        IdempotencyStore idempotency,
        IBackgroundJobClient jobs,
        IOptions<FeedOptions> options,
        IOptions<JsonOptions> json,
        TimeProvider clock
    ) : IRequestHandler<Command, Received>
    {
        public async ValueTask<Received> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var limits = options.Value;
            var batch =
                command.ListId is { } listId
                    ? FeedBatch.ReceiveListMembers(
                        Guid.CreateVersion7(clock.GetUtcNow()),
                        command.DepartmentId!.Value,
                        listId,
                        command.ListReplace,
                        command.Format,
                        clock.GetUtcNow()
                    )
                : command.InstitutionId is { } institutionId
                    ? FeedBatch.ReceiveFromBank(
                        Guid.CreateVersion7(clock.GetUtcNow()),
                        institutionId,
                        command.Format,
                        clock.GetUtcNow()
                    )
                : FeedBatch.Receive(
                    Guid.CreateVersion7(clock.GetUtcNow()),
                    command.DepartmentId!.Value,
                    command.FeedType,
                    command.Format,
                    clock.GetUtcNow()
                );
            var location = $"/api/v1/feeds/batches/{batch.Id}";

            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await BatchStorage.InsertBatchAsync(connection, batch, ct);

            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BatchStorage.ChunkBytes];
            long bytes = 0,
                lineBreaks = 0;
            var sequence = 0;
            byte last = 0;
            while (true)
            {
                var filled = await FillAsync(command.Body, buffer, ct);
                if (filled == 0)
                    break;
                bytes += filled;
                if (bytes > limits.MaxBatchBytes)
                    throw new PayloadTooLargeException($"A batch may hold at most {limits.MaxBatchBytes:N0} bytes.");
                var span = buffer.AsSpan(0, filled);
                sha.AppendData(span);
                lineBreaks += span.Count((byte)'\n');
                last = span[^1];
                await BatchStorage.InsertChunkAsync(connection, batch.Id, sequence++, buffer, filled, ct);
            }
            if (bytes == 0)
                throw new FluentValidation.ValidationException([new("body", "The batch is empty.")]);

            // Line-based formats can be counted as they arrive; a JSON array is counted when it is parsed.
            var lines = lineBreaks + (last == (byte)'\n' ? 0 : 1);
            var rowsUpperBound = command.Format == DomainBatchFormat.Csv ? lines - 1 : lines;
            if (command.Format != DomainBatchFormat.Json && rowsUpperBound > limits.MaxBatchRows)
                throw new PayloadTooLargeException($"A batch may hold at most {limits.MaxBatchRows:N0} rows.");

            var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            batch.Received(bytes, digest);
            await BatchStorage.UpdatePayloadAsync(connection, batch, ct);
            var dto = batch.ToDto();

            if (command.IdempotencyKey is { } key)
            {
                var requestHash = Convert.ToHexStringLower(
                    SHA256.HashData(
                        System.Text.Encoding.UTF8.GetBytes(
                            command.ListId is null
                                ? $"POST {command.FeedType} {command.Format}\n{digest}"
                                : $"POST {command.FeedType} {command.ListId} {(command.ListReplace ? "replace" : "append")} {command.Format}\n{digest}"
                        )
                    )
                );
                if (await idempotency.ClaimOrReplayAsync(command.CallerScope, key, requestHash, ct) is { } replay)
                {
                    await transaction.RollbackAsync(ct);
                    var first = JsonSerializer.Deserialize<BatchDto>(replay.Body!, json.Value.SerializerOptions)!;
                    return new Received(first, true, replay.Location ?? $"/api/v1/feeds/batches/{first.Id}");
                }
                try
                {
                    await idempotency.RecordResponseAsync(
                        connection,
                        command.CallerScope,
                        key,
                        StatusCodes.Status202Accepted,
                        location,
                        JsonSerializer.Serialize(dto, json.Value.SerializerOptions),
                        ct
                    );
                    await transaction.CommitAsync(ct);
                }
                catch
                {
                    await idempotency.ReleaseAsync(command.CallerScope, key);
                    throw;
                }
            }
            else
            {
                await transaction.CommitAsync(ct);
            }

            // If this process dies before the enqueue, the stalled-batch sweeper queues it (ProcessBatch is re-entrant).
            jobs.Enqueue<ProcessBatch.Job>(job => job.Run(batch.Id, CancellationToken.None));
            return new Received(dto, false, location);
        }

        private static async Task<int> FillAsync(Stream body, byte[] buffer, CancellationToken ct)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await body.ReadAsync(buffer.AsMemory(filled), ct);
                if (read == 0)
                    break;
                filled += read;
            }
            return filled;
        }
    }

    internal static async Task<IResult> Endpoint(
        string feedType,
        HttpRequest request,
        Caller caller,
        ISender sender,
        Core.Data.FinanceMatchDbContext db,
        IOptions<FeedOptions> options,
        CancellationToken ct
    )
    {
        var type = FeedMapping.ParseFeedType(feedType);
        var format = FormatOf(request.ContentType);
        Guid? departmentId = null,
            institutionId = null;
        if (caller.Is(DomainRole.Bank))
        {
            // A bank pushes one feed: the performance of its own loans (every row is checked to be its own).
            if (type != DomainFeedType.LoanPerformance)
                throw new ForbiddenException("A bank may push only: loanPerformance.");
            institutionId = caller.SubjectId;
        }
        else
        {
            var department =
                await db.Departments.FindAsync([caller.SubjectId], ct)
                ?? throw new ForbiddenException("The department no longer exists.");
            if (!department.MayPush(type))
                throw new ForbiddenException(
                    $"This department may push only: {string.Join(", ", department.FeedTypes.Select(f => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.ToString())))}."
                );
            departmentId = department.Id;
        }

        return await SendAsync(
            request,
            sender,
            options,
            new Command(
                departmentId,
                institutionId,
                type,
                format,
                request.Body,
                IdempotencyFilter.KeyOf(request),
                IdempotencyFilter.CallerScope(request.HttpContext)
            ),
            ct
        );
    }

    /// <summary>Receives a batch read from <paramref name="request"/>'s body: 202 with the batch (a replay says so).</summary>
    internal static async Task<IResult> SendAsync(
        HttpRequest request,
        ISender sender,
        IOptions<FeedOptions> options,
        Command command,
        CancellationToken ct
    )
    {
        // Kestrel's default body limit (30 MB) is below the contract's; the handler enforces the contract's own limit.
        if (
            request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is
            { IsReadOnly: false } limit
        )
            limit.MaxRequestBodySize = options.Value.MaxBatchBytes + 1;
        var received = await sender.Send(command, ct);
        if (received.Replayed)
            request.HttpContext.Response.Headers[IdempotencyFilter.ReplayedHeaderName] = "true";
        return TypedResults.Accepted(received.Location, received.Batch);
    }

    internal static DomainBatchFormat FormatOf(string? contentType)
    {
        if (
            contentType is null
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        )
            throw new UnsupportedContentTypeException(
                "Send the batch as application/json, application/x-ndjson or text/csv."
            );
        var charset = media.Charset.Value;
        if (charset is not null && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedContentTypeException($"Batches must be UTF-8 (charset was {charset}).");
        return media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => DomainBatchFormat.Json,
            "application/x-ndjson" or "application/ndjson" => DomainBatchFormat.Ndjson,
            "text/csv" => DomainBatchFormat.Csv,
            _ => throw new UnsupportedContentTypeException(
                "Send the batch as application/json, application/x-ndjson or text/csv."
            ),
        };
    }
}
