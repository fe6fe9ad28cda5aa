using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinanceMatch.Api.Idempotency;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// What makes the OpenAPI document generate good clients (docs/API-CLIENTS.md), applied to every operation so a new
/// endpoint gets it without asking: an operationId from the use case's name, a description for every parameter, enum
/// schemas for enum query parameters, the <c>Idempotency-Key</c> header where it is honoured, 429 everywhere (the rate
/// limits cover every route), money as exact decimals, an example for every request body, each webhook event's body in
/// the document's <c>webhooks</c> section, and descriptions without HTML entities.
/// </summary>
internal static class OpenApiConventions
{
    /// <summary>The query and path parameters many endpoints share, described once.</summary>
    private static readonly Dictionary<string, string> SharedParameters = new(StringComparer.Ordinal)
    {
        ["page"] = "The page to return, from 1 (default 1).",
        ["pageSize"] = "Items per page, 1 to 200 (default 50).",
        ["from"] = "The first day of the period, YYYY-MM-DD (inclusive); default twelve months before `to`.",
        ["to"] = "The last day of the period, YYYY-MM-DD (inclusive); default today (China Standard Time).",
        ["format"] = "The download's format: `csv` (RFC 4180, UTF-8 with BOM) or `xlsx`.",
        ["status"] = "Only items in this state.",
        ["kind"] = "Only items of this kind.",
        ["by"] = "The dimension the figures are broken down by.",
        ["clientId"] = "A credential's client id.",
        ["institutionId"] = "Only this institution's items (operators).",
        ["departmentId"] = "Only this department's items (operators).",
        ["uscc"] = "The firm's unified social credit code (18 characters).",
        ["feedType"] = "The department feed.",
        ["consentId"] = "The consent's id.",
        ["deliveryId"] = "The webhook delivery's id.",
        ["interestId"] = "The bank's expression of interest's id.",
        ["purpose"] = "Why the report is read (recorded in the firm's access log); default loanAssessment.",
        ["version"] = "The scoring model or product version; default the one in force.",
    };

    public static void Apply(OpenApiOptions options)
    {
        options.AddOperationTransformer(OperationId);
        options.AddOperationTransformer(ParametersAsync);
        options.AddOperationTransformer(IdempotencyKey);
        options.AddOperationTransformer(TooManyRequests);
        options.AddOperationTransformer(RequestExamples);
        options.AddSchemaTransformer(ExactMoney);
        options.AddSchemaTransformer(ProblemFields);
        options.AddDocumentTransformer(WebhooksAsync);
        options.AddDocumentTransformer(PlainText);
    }

    /// <summary>
    /// <c>approveMatch</c> for the endpoint <c>ApproveMatch.Endpoint</c>: the use case's name, camelCase; a slice's second
    /// endpoint (<c>GetStatsOverview.ExportEndpoint</c>) adds the method's name (<c>getStatsOverviewExport</c>).
    /// </summary>
    private static Task OperationId(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken _
    )
    {
        var method = context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        if (operation.OperationId is null && method?.DeclaringType is { } type && !type.Name.Contains('<'))
        {
            var suffix = method.Name == "Endpoint" ? "" : method.Name.Replace("Endpoint", "", StringComparison.Ordinal);
            operation.OperationId = JsonNamingPolicy.CamelCase.ConvertName(type.Name + suffix);
        }
        return Task.CompletedTask;
    }

    private static async Task ParametersAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken ct
    )
    {
        if (operation.Parameters is null)
            return;
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            var described = context.Description.ParameterDescriptions.FirstOrDefault(p =>
                string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
            );
            var info = (
                described?.ParameterDescriptor
                as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor
            )?.ParameterInfo;
            if (info?.GetCustomAttribute<EnumQueryAttribute>() is { } enumQuery)
                parameter.Schema = await context.GetOrCreateSchemaAsync(enumQuery.WireType, null, ct);
            parameter.Description ??= parameter.Name switch
            {
                "id" or "position" =>
                    $"The {Resource(context.Description.RelativePath, parameter.Name)}'s {parameter.Name}.",
                { } name when SharedParameters.TryGetValue(name, out var text) => text,
                _ => null,
            };
        }
    }

    /// <summary>The thing a path parameter names, from the segment before it: <c>loan-requests/{id}</c> is a loan request.</summary>
    private static string Resource(string? path, string parameter)
    {
        var segments = (path ?? "").Split('/');
        var at = Array.FindIndex(segments, s => s.StartsWith("{" + parameter, StringComparison.Ordinal));
        var plural = at > 0 ? segments[at - 1] : "item";
        var singular = plural switch
        {
            _ when plural.EndsWith("ies", StringComparison.Ordinal) => plural[..^3] + "y",
            _ when plural.EndsWith("ches", StringComparison.Ordinal)
                    || plural.EndsWith("sses", StringComparison.Ordinal) => plural[..^2],
            _ when plural.EndsWith('s') => plural[..^1],
            _ => plural,
        };
        return singular.Replace('-', ' ');
    }

    private static Task IdempotencyKey(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken _
    )
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
            return Task.CompletedTask;
        operation.Parameters ??= [];
        operation.Parameters.Add(
            new OpenApiParameter
            {
                Name = IdempotencyFilter.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description =
                    "Makes a retry safe: the same key with the same body within 48 hours answers the first response again "
                    + "instead of creating twice; the same key with another body is 422. 1 to 255 visible ASCII characters, "
                    + "e.g. a UUID.",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MinLength = 1,
                    MaxLength = 255,
                },
            }
        );
        return Task.CompletedTask;
    }

    private static Task TooManyRequests(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken ct
    )
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey("429"))
            return Task.CompletedTask;
        operation.Responses["429"] = new OpenApiResponse
        {
            Description =
                "Too many requests from this client or address: retry after the Retry-After header's seconds.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(nameof(ProblemDetails), context.Document),
                },
            },
        };
        return Task.CompletedTask;
    }

    private static Task RequestExamples(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken _
    )
    {
        if (operation.RequestBody?.Content is not { } content)
            return Task.CompletedTask;
        var bodyType = context
            .Description.ParameterDescriptions.FirstOrDefault(p =>
                p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body
            )
            ?.Type;
        foreach (var (mediaType, media) in content)
        {
            if (media.Example is not null)
                continue;
            if (
                mediaType.StartsWith("application/json", StringComparison.Ordinal)
                && bodyType is not null
                && OpenApiExamples.Bodies.TryGetValue(bodyType, out var example)
            )
                media.Example = JsonSerializer.SerializeToNode(example, bodyType, FinanceMatchJson.Options);
            else if (OpenApiExamples.RawBodies.TryGetValue(mediaType, out var raw))
                media.Example = JsonValue.Create(raw);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Money and rates are C# decimals on the wire: a JSON number holding the exact value (yuan to the fen, rates as
    /// fractions), so the schema says <c>format: decimal</c> instead of the framework's <c>double</c>; a client should
    /// read it into a decimal type, never a binary float.
    /// </summary>
    private static Task ExactMoney(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(decimal) || type == typeof(decimal?))
            schema.Format = "decimal";
        return Task.CompletedTask;
    }

    /// <summary>RFC 9457's members of every error answer, described once.</summary>
    private static Task ProblemFields(
        OpenApiSchema schema,
        OpenApiSchemaTransformerContext context,
        CancellationToken _
    )
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) || schema.Properties is null)
            return Task.CompletedTask;
        (string Name, string Text)[] fields =
        [
            ("type", "A URI naming the kind of problem (RFC 9457); the same for every problem of that kind."),
            ("title", "A short, human-readable summary of the kind of problem."),
            ("status", "The HTTP status code of this answer."),
            ("detail", "What went wrong this time, for a person to read."),
            ("instance", "The request path the problem occurred on."),
            ("errors", "For a 400: each invalid field (camelCase, as sent) with what is wrong with it."),
        ];
        foreach (var (name, text) in fields)
            if (schema.Properties.TryGetValue(name, out var property) && property is OpenApiSchema field)
                field.Description ??= text;
        return Task.CompletedTask;
    }

    /// <summary>The events a bank's webhook receives: each one's body, for generators and readers of the document.</summary>
    private static async Task WebhooksAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken ct
    )
    {
        (WebhookEvent Event, Type Data, string Summary)[] events =
        [
            (
                WebhookEvent.MatchCreated,
                typeof(MatchCreatedData),
                "A loan request was matched to one of the bank's products"
            ),
            (WebhookEvent.AlertRaised, typeof(AlertRaisedData), "A post-loan risk alert about a firm the bank follows"),
            (
                WebhookEvent.ObjectionOpened,
                typeof(ObjectionEventData),
                "A firm disputes a record of a feed the bank has read in its report"
            ),
            (WebhookEvent.ObjectionResolved, typeof(ObjectionEventData), "That dispute was resolved"),
            (
                WebhookEvent.ListMembersAdded,
                typeof(ListMembersAddedData),
                "Firms joined a list the bank subscribes to and consented to the bank"
            ),
            (
                WebhookEvent.Ping,
                typeof(PingData),
                "A test delivery the bank asked for (POST /api/v1/webhooks/{id}/ping)"
            ),
        ];
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, data, summary) in events)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(type.ToString());
            var body = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"The body of a {name} delivery.",
                Required = new HashSet<string> { "id", "type", "occurredAt", "data" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["id"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = "uuid",
                        Description =
                            "The event's id, also the webhook-id header; the same on every attempt and redelivery of the event.",
                    },
                    ["type"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [JsonValue.Create(name)],
                        Description = "The event type.",
                    },
                    ["occurredAt"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = "date-time",
                        Description = "When the event happened (UTC).",
                    },
                    ["data"] = await context.GetOrCreateSchemaAsync(data, null, ct),
                },
            };
            document.Webhooks[name] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = name + "Webhook",
                        Summary = summary,
                        Description =
                            "POSTed to each of the bank's webhooks subscribed to the event, signed the Standard Webhooks way: "
                            + "webhook-id, webhook-timestamp (refuse one older than five minutes) and webhook-signature "
                            + "(v1, base64 HMAC-SHA256 of id.timestamp.body with the webhook's secret; two during a secret "
                            + "rotation, either may match). Answer 2xx within 10 seconds; anything else is retried with "
                            + "growing waits. X-FinanceMatch-Signature (hex HMAC of the body alone) is deprecated.",
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new() { Schema = body },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "Received; any 2xx will do." },
                        },
                    },
                },
            };
        }
    }

    /// <summary>
    /// XML comments escape <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, and the generator keeps the entities: every
    /// summary and description says the characters themselves.
    /// </summary>
    private static Task PlainText(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken _
    )
    {
        var seen = new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
            Decode(schema, seen);
        var items = (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).Concat(
            document.Webhooks?.Values ?? Enumerable.Empty<IOpenApiPathItem>()
        );
        foreach (var item in items)
        foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
        {
            operation.Summary = Decoded(operation.Summary);
            operation.Description = Decoded(operation.Description);
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                parameter.Description = Decoded(parameter.Description);
                Decode(parameter.Schema, seen);
            }
            foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
                response.Description = Decoded(response.Description);
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                Decode(media.Schema, seen);
        }
        return Task.CompletedTask;
    }

    private static void Decode(IOpenApiSchema? candidate, HashSet<OpenApiSchema> seen)
    {
        if (candidate is not OpenApiSchema schema || !seen.Add(schema))
            return;
        schema.Description = Decoded(schema.Description);
        foreach (var property in schema.Properties?.Values ?? [])
            Decode(property, seen);
        Decode(schema.Items, seen);
        foreach (var part in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
            Decode(part, seen);
    }

    private static string? Decoded(string? text) => text is null ? null : WebUtility.HtmlDecode(text);
}

/// <summary>
/// An endpoint's query parameter read as text (so a bad value is a 400 naming it, <see cref="EnumText"/>) but meaning one
/// of a wire enum's values: the OpenAPI document gives it that enum's schema.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EnumQueryAttribute(Type wireType) : Attribute
{
    public Type WireType { get; } = wireType;
}
