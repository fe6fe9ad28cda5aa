using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// Malformed requests generated from the OpenAPI document, against every operation, as every kind of caller: broken
/// JSON, wrong types, overlong strings, huge numbers, ids that are not GUIDs, bad query values, wrong content types,
/// bodies over the limit and feed files with broken quoting and encodings. None may get a 5xx, and every error must be
/// problem+json.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly string[] BadPathValues =
    [
        "not-a-guid",
        "1",
        "%27%20OR%201%3D1--",
        new('9', 3000),
        "00000000-0000-0000-0000-00000000000G",
    ];
    private static readonly string[] BadQueryValues =
    [
        "-1",
        "abc",
        "99999999999999999999999999",
        "2025-13-45",
        new('x', 3000),
        "%00",
    ];

    private static readonly string LongText = new('名', 20_000);

    private static IEnumerable<(string Variant, string ContentType, byte[] Body)> BadBodies()
    {
        (string, string, byte[]) Json(string variant, string json) =>
            (variant, "application/json", Encoding.UTF8.GetBytes(json));
        yield return Json("truncated object", "{");
        yield return Json("truncated array", "[");
        yield return Json("dangling property", """{"name":""");
        yield return Json("null", "null");
        yield return Json("a string", "\"text\"");
        yield return Json("an array", "[]");
        yield return Json(
            "a number too large for any type",
            """{"amount": 1e400, "termMonths": 1e400, "minAmount": 1e400}"""
        );
        yield return Json("deep nesting", new string('[', 5000) + new string(']', 5000));
        yield return Json(
            "wrong types everywhere",
            """
            {"name": 123, "code": [], "amount": "lots", "termMonths": "x", "url": {}, "events": "all", "secret": 5, "uscc": 91,
             "feedType": 7, "recordKey": [], "reason": false, "outcome": 3, "note": {}, "clientId": 1, "clientSecret": [],
             "minAmount": "a", "maxAmount": true, "guaranteeTypes": "credit", "consent": "yes", "scopes": 1, "expiresAt": "tomorrow",
             "institutionId": "bank", "loanRequestId": 12, "purpose": [], "approvedAmount": "x", "annualRate": "low", "disbursedOn": 5}
            """
        );
        yield return Json(
            "overlong strings",
            JsonSerializer.Serialize(
                new
                {
                    name = LongText,
                    code = LongText,
                    uscc = LongText,
                    url = "https://" + LongText,
                    secret = LongText,
                    reason = LongText,
                    note = LongText,
                    clientId = LongText,
                    clientSecret = LongText,
                    purpose = LongText,
                    recordKey = LongText,
                    description = LongText,
                    legalRepresentative = LongText,
                }
            )
        );
        yield return Json(
            "huge numbers",
            """
            {"amount": 99999999999999999999999999, "termMonths": 2147483648, "minAmount": -1, "maxAmount": 1e29, "minTermMonths": -5,
             "maxTermMonths": 999999, "minAnnualRate": 1e20, "maxAnnualRate": -3, "registeredCapital": 1e300, "employees": -1,
             "approvedAmount": 1e25, "annualRate": 1000, "disbursedAmount": -1}
            """
        );
        yield return Json(
            "invalid enums and USCC",
            """
            {"uscc": "91350100M000100Y4X", "feedType": "weather", "outcome": "maybe", "events": ["everything"], "guaranteeTypes": ["magic"],
             "scopes": ["all"], "purpose": "fun", "divisionCode": "ABCDEF", "industryCode": "99", "establishedOn": "2025-02-30"}
            """
        );
        yield return Json(
            "bad dates and periods",
            """{"expiresAt": "2025-13-45T99:00:00Z", "disbursedOn": "yesterday", "period": "2025-00", "establishedOn": "0000-00-00"}"""
        );
        yield return Json(
            "NUL characters in text",
            """
            {"name": "a\u0000b", "code": "C\u0000", "reason": "\u0000", "note": "x\u0000", "purpose": "\u0000", "url": "https://a\u0000.example",
             "secret": "0123456789abcdef\u0000", "recordKey": "2025-01\u0000", "legalRepresentative": "\u0000", "description": "\u0000"}
            """
        );
        yield return ("text/plain", "text/plain", "hello"u8.ToArray());
        yield return ("xml", "application/xml", "<loan amount='1'/>"u8.ToArray());
        yield return (
            "invalid UTF-8",
            "application/json",
            [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]
        );
        yield return ("empty body", "application/json", []);
        yield return ("form data", "application/x-www-form-urlencoded", "amount=1&termMonths=2"u8.ToArray());
    }

    private static IEnumerable<(string Variant, string ContentType, byte[] Body)> BadFeedFiles()
    {
        yield return (
            "csv with an unclosed quote",
            "text/csv",
            "uscc,period,taxPaid,taxableRevenue\n\"91350100M000100Y43,2025-01,1,2\n"u8.ToArray()
        );
        yield return (
            "csv with quotes inside fields",
            "text/csv",
            "uscc,period,taxPaid,taxableRevenue\n91350100M000100Y43,\"2025\"\"-01\",\"1,5\",2\n"u8.ToArray()
        );
        yield return (
            "csv in GB18030-like bytes",
            "text/csv",
            [.. "uscc,period,taxPaid,taxableRevenue\n"u8, 0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0x31, 0x0a]
        );
        yield return ("csv with NUL bytes", "text/csv", [.. "uscc,period,taxPaid\n"u8, 0x00, 0x00, 0x2c, 0x00, 0x0a]);
        yield return ("csv without a header", "text/csv", "91350100M000100Y43,2025-01,1,2\n"u8.ToArray());
        yield return (
            "ndjson with a broken line",
            "application/x-ndjson",
            "{\"uscc\":\"91350100M000100Y43\"}\n{\"uscc\":\n"u8.ToArray()
        );
        yield return (
            "multipart",
            "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nuscc\r\n--x--\r\n"u8.ToArray()
        );
    }

    [Test]
    public async Task MalformedRequests_NeverGet5xx_AndEveryErrorIsProblemJson()
    {
        var callers = await CallersAsync();
        using var anonymous = TestRun.Http();
        using var document = JsonDocument.Parse(
            await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))
        );
        var requests = new List<(string Variant, HttpMethod Method, string Url, string? ContentType, byte[]? Body)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var method = new HttpMethod(operation.Name.ToUpperInvariant());
            var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var pathParameters = parameters
                .Where(x => x.GetProperty("in").GetString() == "path")
                .Select(x => x.GetProperty("name").GetString()!)
                .ToList();
            var queryParameters = parameters
                .Where(x => x.GetProperty("in").GetString() == "query")
                .Select(x => x.GetProperty("name").GetString()!)
                .Take(3)
                .ToList();
            string Url(string? badParameter = null, string? badValue = null) =>
                pathParameters.Aggregate(
                    path.Name,
                    (url, name) =>
                        url.Replace(
                            $"{{{name}}}",
                            name == badParameter ? badValue!
                                : name == "feedType" ? "tax"
                                : name == "version" ? "1"
                                : Guid.NewGuid().ToString(),
                            StringComparison.Ordinal
                        )
                );
            var hasBody = operation.Value.TryGetProperty("requestBody", out var requestBody);
            var jsonBody = hasBody && requestBody.GetProperty("content").TryGetProperty("application/json", out _);

            foreach (var name in pathParameters)
            foreach (var value in BadPathValues)
                requests.Add(
                    (
                        $"path {name}={value[..Math.Min(20, value.Length)]}",
                        method,
                        Url(name, value),
                        jsonBody ? "application/json" : null,
                        jsonBody ? "{}"u8.ToArray() : null
                    )
                );
            foreach (var name in queryParameters)
            foreach (var value in BadQueryValues)
                requests.Add(
                    (
                        $"query {name}={value[..Math.Min(20, value.Length)]}",
                        method,
                        $"{Url()}?{name}={value}",
                        null,
                        null
                    )
                );
            if (jsonBody)
            {
                foreach (var (variant, contentType, body) in BadBodies())
                    requests.Add((variant, method, Url(), contentType, body));
                requests.Add(
                    (
                        "a body over the 30 MB limit",
                        method,
                        Url(),
                        "application/json",
                        Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 31 * 1024 * 1024) + "\"}")
                    )
                );
            }
            if (path.Name.Contains("/feeds/{feedType}/batches", StringComparison.Ordinal))
            {
                foreach (var (variant, contentType, body) in BadFeedFiles())
                    requests.Add((variant, method, Url(), contentType, body));
                requests.Add(
                    (
                        "feed over the batch limit",
                        method,
                        Url(),
                        "text/csv",
                        new byte[FinanceMatchApp.MaxBatchBytes + 1024]
                    )
                );
            }
        }

        var failures = new ConcurrentBag<string>();
        var sent = 0;
        await Parallel.ForEachAsync(
            requests.SelectMany(r => callers.Select(c => (Request: r, Caller: c))),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var (request, (role, token)) = item;
                using var http = TestRun.Http();
                using var message = new HttpRequestMessage(request.Method, new Uri(request.Url, UriKind.Relative));
                if (token is not null)
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(request.Body);
                    // The server may refuse a body over its limit before reading it; the client then waits for that answer.
                    if (request.Body.Length > 1024 * 1024)
                        message.Headers.ExpectContinue = true;
                    if (request.ContentType is not null)
                        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
                }
                using var response = await http.SendAsync(message, ct);
                Interlocked.Increment(ref sent);
                var status = (int)response.StatusCode;
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                var what =
                    $"{request.Method} {request.Url[..Math.Min(90, request.Url.Length)]} [{request.Variant}] as {role}: {status} {mediaType}";
                if (status >= 500)
                    failures.Add(
                        what
                            + " "
                            + (await response.Content.ReadAsStringAsync(ct))[
                                ..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 300))
                            ]
                    );
                else if (status >= 400 && mediaType != "application/problem+json")
                    failures.Add(what + " (not problem+json)");
            }
        );

        Assert.That(sent, Is.GreaterThanOrEqualTo(300), "at least 300 malformed requests");
        Assert.That(failures, Is.Empty, $"{failures.Count} of {sent}:\n" + string.Join('\n', failures.Take(25)));
        TestContext.Out.WriteLine(
            $"{sent} malformed requests over {requests.Count} shapes, none answered 5xx, every error problem+json"
        );
    }

    private static async Task<List<(string Role, string? Token)>> CallersAsync()
    {
        async Task<string> TokenAsync(string clientId, string secret) =>
            (await TestRun.Anonymous().Auth.GetTokenAsync(new TokenBody(clientId, secret))).AccessToken;
        var bank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        return
        [
            ("anonymous", null),
            ("operator", await TokenAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)),
            ("bank", await TokenAsync(bank.Created.ClientId, bank.Created.ClientSecret!)),
            ("enterprise", await TokenAsync(firm.Created.ClientId, firm.Created.ClientSecret!)),
            ("department", await TokenAsync(department.Created.ClientId, department.Created.ClientSecret!)),
        ];
    }
}
