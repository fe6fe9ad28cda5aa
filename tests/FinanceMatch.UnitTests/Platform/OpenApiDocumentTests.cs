using System.Text.Json.Nodes;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.UnitTests.Platform;

/// <summary>
/// The committed OpenAPI document (the contract; PlatformTests checks the app serves exactly it) says what a client
/// generator and a reader need: docs/API-CLIENTS.md.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly JsonObject Document = JsonNode
        .Parse(File.ReadAllText(Repository.OpenApiDocumentPath()))!
        .AsObject();

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        Document["paths"]!
            .AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!.AsObject())));

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    [Test]
    public void EveryOperation_HasAUniqueOperationId_ADescribedParameterList_AndA429()
    {
        var operations = Operations().ToList();
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.That(ids, Has.None.Null, "every operation has an operationId");
        Assert.That(ids, Is.Unique);
        var undescribed = operations
            .SelectMany(o =>
                (o.Operation["parameters"]?.AsArray() ?? [])
                    .Where(p => string.IsNullOrWhiteSpace((string?)p!["description"]))
                    .Select(p => $"{o.Method} {o.Path} {p!["name"]}")
            )
            .ToList();
        Assert.That(undescribed, Is.Empty);
        Assert.That(
            operations.Where(o => o.Operation["responses"]?["429"] is null).Select(o => $"{o.Method} {o.Path}"),
            Is.Empty,
            "every route is rate-limited"
        );
    }

    [Test]
    public void EveryProperty_IsDescribed_ByItselfOrByTheSchemaItRefersTo()
    {
        var undescribed = Schemas
            .SelectMany(schema =>
                (schema.Value!["properties"]?.AsObject() ?? [])
                    .Where(p => !Described(p.Value!))
                    .Select(p => $"{schema.Key}.{p.Key}")
            )
            .ToList();
        Assert.That(undescribed, Is.Empty);
    }

    [Test]
    public void EveryJsonRequestBody_HasAnExample()
    {
        var missing = Operations()
            .Where(o => o.Operation["requestBody"]?["content"] is JsonObject)
            .SelectMany(o =>
                o.Operation["requestBody"]!["content"]!
                    .AsObject()
                    .Where(c => c.Value!["example"] is null && c.Key != "multipart/form-data")
                    .Select(c => $"{o.Method} {o.Path} {c.Key}")
            )
            .ToList();
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void EnumQueryParameters_IdempotencyKeys_AndMoney_AreTyped()
    {
        var listMatches = Operations().Single(o => (string?)o.Operation["operationId"] == "listMatches").Operation;
        var status = listMatches["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "status")!;
        Assert.That(
            status["schema"]!["enum"]!.AsArray().Select(v => (string?)v),
            Is.EquivalentTo(Enum.GetNames<MatchStatus>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))
        );

        string[] enumNamed = ["status", "kind", "by", "guaranteeType", "feedType", "verification", "mode", "purpose"];
        var untyped = Operations()
            .SelectMany(o =>
                (o.Operation["parameters"]?.AsArray() ?? [])
                    .Where(p =>
                        (string?)p!["in"] == "query"
                        && enumNamed.Contains((string?)p["name"])
                        && p["schema"]?["enum"] is null
                    )
                    .Select(p => $"{o.Method} {o.Path} {p!["name"]}")
            )
            .ToList();
        Assert.That(untyped, Is.Empty, "every enum query parameter lists its values");

        var submit = Operations().Single(o => (string?)o.Operation["operationId"] == "submitLoanRequest").Operation;
        Assert.That(
            submit["parameters"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["in"])),
            Does.Contain(("Idempotency-Key", "header"))
        );
        Assert.That(
            (string?)Schemas["SubmitLoanRequest"]!["properties"]!["amount"]!["format"],
            Is.EqualTo("decimal"),
            "money is an exact decimal, not a double"
        );
        var moneyNotDecimal = Schemas
            .SelectMany(schema =>
                (schema.Value!["properties"]?.AsObject() ?? [])
                    .Where(p =>
                        (
                            p.Key.Contains("amount", StringComparison.OrdinalIgnoreCase)
                            || p.Key.Contains("annualRate", StringComparison.OrdinalIgnoreCase)
                        ) && p.Value!.ToJsonString().Contains("\"number\"", StringComparison.Ordinal)
                    )
                    .Where(p => !p.Value!.ToJsonString().Contains("\"format\":\"decimal\"", StringComparison.Ordinal))
                    .Select(p => $"{schema.Key}.{p.Key}")
            )
            .ToList();
        Assert.That(moneyNotDecimal, Is.Empty, "no amount or rate as a double");
    }

    [Test]
    public void EveryWebhookEvent_HasItsBody_InTheWebhooksSection()
    {
        var webhooks = Document["webhooks"]!.AsObject();
        foreach (var name in Enum.GetNames<WebhookEvent>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))
        {
            var body = webhooks[name]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.That(body?["properties"]?["data"], Is.Not.Null, name);
        }
    }

    [Test]
    public void NoDescription_HasHtmlEntities()
    {
        var text = File.ReadAllText(Repository.OpenApiDocumentPath());
        Assert.That(
            text,
            Does.Not.Contain("&amp;").And.Not.Contain("&lt;").And.Not.Contain("&gt;").And.Not.Contain("&quot;")
        );
    }

    /// <summary>A property with a description, or one that is (or may be null or) a reference to a described schema.</summary>
    private static bool Described(JsonNode property)
    {
        if (!string.IsNullOrWhiteSpace((string?)property["description"]))
            return true;
        var references = new List<string>();
        if ((string?)property["$ref"] is { } direct)
            references.Add(direct);
        foreach (var part in property["oneOf"]?.AsArray() ?? property["anyOf"]?.AsArray() ?? [])
        {
            if (!string.IsNullOrWhiteSpace((string?)part!["description"]))
                return true;
            if ((string?)part["$ref"] is { } alternative)
                references.Add(alternative);
        }
        if ((string?)property["items"]?["$ref"] is { } item)
            references.Add(item);
        return references.Count > 0
            && references.All(r =>
                !string.IsNullOrWhiteSpace((string?)Schemas[r["#/components/schemas/".Length..]]?["description"])
            );
    }
}
