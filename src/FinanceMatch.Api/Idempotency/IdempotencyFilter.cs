using System.Security.Cryptography;
using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>; the request body is buffered so it can be hashed.</summary>
public sealed class IdempotentEndpointMetadata;

/// <summary>
/// The one implementation of the contract's <c>Idempotency-Key</c> rules for every creating endpoint: same key and body
/// from the same caller → the first response again; different body → 422; first still running → 409.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, FinanceMatchDbContext db, IOptions<JsonOptions> json)
    : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
            return await next(context);
        var key = ValidKey(values);

        var scope = CallerScope(http);
        var hash = await HashRequestAsync(http);
        var ct = http.RequestAborted;
        if (await store.ClaimOrReplayAsync(scope, key, hash, ct) is { } replay)
        {
            http.Response.Headers[ReplayedHeaderName] = "true";
            if (replay.Location is not null)
                http.Response.Headers.Location = replay.Location;
            return Results.Text(
                replay.Body is null ? "" : StripSecret(replay.Body),
                "application/json",
                statusCode: replay.StatusCode
            );
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await next(context);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (status is < 200 or >= 300)
            {
                await store.ReleaseAsync(scope, key);
                return result;
            }
            var body = result is IValueHttpResult { Value: { } value } ? WithoutSecret(value) : null;
            var location = LocationOf(result);
            await store.RecordResponseAsync(
                (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(),
                scope,
                key,
                status,
                location,
                body,
                ct
            );
            await transaction.CommitAsync(ct);
            return result;
        }
        catch
        {
            await store.ReleaseAsync(scope, key);
            throw;
        }
    }

    /// <summary>
    /// The response as it is kept for replays. A secret is shown once: a created client's <c>clientSecret</c> is never
    /// stored, so a replay returns the resource without it.
    /// </summary>
    private string WithoutSecret(object value)
    {
        var node = JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
        if (node is System.Text.Json.Nodes.JsonObject body)
            body.Remove(SecretProperty);
        return node?.ToJsonString(json.Value.SerializerOptions) ?? "null";
    }

    private const string SecretProperty = "clientSecret";

    /// <summary>Also on replay, for responses a version before this rule stored.</summary>
    private static string StripSecret(string body)
    {
        if (!body.Contains(SecretProperty, StringComparison.Ordinal))
            return body;
        var node = System.Text.Json.Nodes.JsonNode.Parse(body);
        if (node is System.Text.Json.Nodes.JsonObject o)
            o.Remove(SecretProperty);
        return node?.ToJsonString() ?? body;
    }

    /// <summary>The key of a request that sent one, checked: 1–255 visible ASCII characters.</summary>
    public static string? KeyOf(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var values) ? ValidKey(values) : null;

    private static string ValidKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        var key = values.ToString();
        if (key.Length is 0 or > 255 || values.Count != 1 || key.Any(c => c < 0x21 || c > 0x7e))
            throw new FluentValidation.ValidationException([
                new(HeaderName, "Idempotency-Key must be 1–255 visible ASCII characters."),
            ]);
        return key;
    }

    // Created<T> and Accepted<T> expose Location, but through no shared interface.
    private static string? LocationOf(object? result) =>
        result?.GetType().GetProperty("Location")?.GetValue(result) as string;

    public static string CallerScope(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? $"credential:{http.User.CredentialIdOf()}"
            : $"anonymous:{http.Connection.RemoteIpAddress}";

    private static async Task<string> HashRequestAsync(HttpContext http)
    {
        var body = http.Request.Body;
        if (body.CanSeek)
            body.Position = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, http.RequestAborted)) > 0)
            sha.AppendData(buffer, 0, read);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

public static class IdempotencyEndpointExtensions
{
    /// <summary>Honours <c>Idempotency-Key</c> on a creating endpoint.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentEndpointMetadata()).AddEndpointFilter<IdempotencyFilter>();

    /// <summary>Buffers the body of requests to idempotent endpoints that carry a key, so the filter can hash what was bound.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) =>
        app.Use(
            (http, next) =>
            {
                if (
                    http.Request.Headers.ContainsKey(IdempotencyFilter.HeaderName)
                    && http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>() is not null
                )
                    http.Request.EnableBuffering();
                return next(http);
            }
        );
}
