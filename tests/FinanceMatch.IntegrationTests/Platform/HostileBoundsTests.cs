using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FinanceMatch.IntegrationTests.Platform;

/// <summary>
/// The extremes of every date, integer, number and paging parameter of the OpenAPI document, for every operation and
/// caller: none may get a 5xx or take longer than a client would wait; the contract's bounds are 400s. And tokens an
/// attacker could bring: expired, for another audience, unsigned, signed with another key, of a rotated or disabled client.
/// </summary>
public sealed class HostileBoundsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static IEnumerable<string> Extremes(JsonElement schema)
    {
        var type = schema.TryGetProperty("type", out var t)
            ? (t.ValueKind == JsonValueKind.Array ? string.Join(',', t.EnumerateArray()) : t.GetString())
            : null;
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (type?.Contains("integer", StringComparison.Ordinal) == true)
            return ["0", "-1", "-2147483648", "2147483647", "2147483648", "-2147483649", "99999999999999999999"];
        if (type?.Contains("number", StringComparison.Ordinal) == true)
            return ["0", "-1", "1e308", "1e400", "-1e400", "NaN", "79228162514264337593543950336"];
        if (format == "date")
            return
            [
                "0001-01-01",
                "1999-12-31",
                "2000-01-01",
                "9999-12-31",
                today.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
        if (format == "date-time")
            return ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"];
        return [];
    }

    [Test]
    public async Task ExtremeParameterValues_NeverGet5xxOrHang()
    {
        var callers = await CallersAsync();
        using var anonymous = TestRun.Http();
        using var document = JsonDocument.Parse(
            await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))
        );
        var requests = new List<(HttpMethod Method, string Url)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var method = new HttpMethod(operation.Name.ToUpperInvariant());
            var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            string Url(string? name = null, string? value = null) =>
                parameters
                    .Where(x => x.GetProperty("in").GetString() == "path")
                    .Aggregate(
                        path.Name,
                        (url, x) =>
                        {
                            var n = x.GetProperty("name").GetString()!;
                            var v =
                                n == name ? value!
                                : n == "feedType" ? "tax"
                                : n == "version" ? "1"
                                : n == "clientId" ? "bank_nobody"
                                : Guid.NewGuid().ToString();
                            return url.Replace($"{{{n}}}", v, StringComparison.Ordinal);
                        }
                    );
            foreach (var parameter in parameters)
            {
                var name = parameter.GetProperty("name").GetString()!;
                var values = parameter.TryGetProperty("schema", out var schema) ? Extremes(schema) : [];
                foreach (var value in values)
                    requests.Add(
                        (
                            method,
                            parameter.GetProperty("in").GetString() == "path"
                                ? Url(name, value)
                                : $"{Url()}?{name}={Uri.EscapeDataString(value)}"
                        )
                    );
            }
            var names = parameters.Select(x => x.GetProperty("name").GetString()).ToHashSet();
            if (names.Contains("page") && names.Contains("pageSize"))
                foreach (
                    var (page, size) in new[]
                    {
                        (2147483647, 2),
                        (2147483647, 500),
                        (1073741825, 2),
                        (4294967, 500),
                        (1, 500),
                    }
                )
                    requests.Add((method, $"{Url()}?page={page}&pageSize={size}"));
            if (names.Contains("from") && names.Contains("to"))
                foreach (
                    var (from, to) in new[]
                    {
                        ("2000-01-01", "9999-12-31"),
                        ("2026-06-01", "2025-06-01"),
                        ("0001-01-01", "2000-01-01"),
                        ("1999-12-31", "2000-01-31"),
                    }
                )
                    requests.Add((method, $"{Url()}?from={from}&to={to}" + (names.Contains("by") ? "&by=month" : "")));
        }

        var failures = new ConcurrentBag<string>();
        var sent = 0;
        await Parallel.ForEachAsync(
            requests.SelectMany(r => callers.Select(c => (Request: r, Caller: c))),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, ct) =>
            {
                var ((method, url), (role, token)) = item;
                using var http = TestRun.Http();
                using var message = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
                if (token is not null)
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (method != HttpMethod.Get && method != HttpMethod.Delete)
                    message.Content = JsonContent.Create(new { });
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(Patience);
                var started = DateTime.UtcNow;
                try
                {
                    using var response = await http.SendAsync(message, limit.Token);
                    Interlocked.Increment(ref sent);
                    var status = (int)response.StatusCode;
                    var mediaType = response.Content.Headers.ContentType?.MediaType;
                    if (status >= 500)
                        failures.Add(
                            $"{method} {url} as {role}: {status} {await response.Content.ReadAsStringAsync(ct)}"
                        );
                    else if (status >= 400 && mediaType != "application/problem+json")
                        failures.Add($"{method} {url} as {role}: {status} not problem+json");
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    failures.Add($"{method} {url} as {role}: no answer within {Patience.TotalSeconds} s");
                }
            }
        );

        Assert.That(sent, Is.GreaterThanOrEqualTo(1000), "extremes of every parameter were sent");
        Assert.That(
            failures,
            Is.Empty,
            $"{failures.Count} of {requests.Count * callers.Count}:\n" + string.Join('\n', failures.Take(25))
        );
        TestContext.Out.WriteLine(
            $"{sent} requests with extreme parameter values over {requests.Count} shapes: no 5xx, no hang"
        );
    }

    [TestCase("/api/v1/stats/overview?to=9999-12-31", "to")]
    [TestCase("/api/v1/stats/overview?from=1999-12-31", "from")]
    [TestCase("/api/v1/stats/overview?from=2026-06-01&to=2025-06-01", "to")]
    [TestCase("/api/v1/stats/breakdown?by=month&from=0001-01-01", "from")]
    [TestCase("/api/v1/institutions?page=2147483647&pageSize=2", "page")]
    [TestCase("/api/v1/alerts?page=1073741825&pageSize=2", "page")]
    public async Task OutOfBounds_Is400NamingTheParameter(string url, string field)
    {
        var @operator = await TestRun.OperatorAsync();
        using var response = await @operator.Http.GetAsync(new Uri(url, UriKind.Relative));
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task TheLastAddressablePage_IsAnEmptyPage_NotAnError()
    {
        var @operator = await TestRun.OperatorAsync();
        var page = await @operator.Institutions.ListAsync(page: 1073741824, pageSize: 2);
        Assert.That(page.Items, Is.Empty);
    }

    [Test]
    public async Task AttackersTokens_AreAll401ProblemJson()
    {
        var bank = await Actors.BankAsync();
        var real = (
            await TestRun
                .Anonymous()
                .Auth.GetTokenAsync(new TokenBody(bank.Created.ClientId, bank.Created.ClientSecret!))
        ).AccessToken;
        var claims = new JsonWebToken(real)
            .Claims.Where(c => c.Type is "sub" or "role" or "client_id" or "cid" or "ver")
            .ToList();
        var keys = TestRun.App.Services.GetRequiredService<SigningKeyProvider>();
        string Craft(
            SecurityKey key,
            string audience = AuthOptions.Audience,
            DateTime? expires = null,
            string algorithm = SecurityAlgorithms.HmacSha256
        )
        {
            var end = expires ?? DateTime.UtcNow.AddMinutes(30);
            return new JsonWebTokenHandler().CreateToken(
                new SecurityTokenDescriptor
                {
                    Issuer = AuthOptions.Issuer,
                    Audience = audience,
                    IssuedAt = end.AddHours(-1),
                    NotBefore = end.AddHours(-1),
                    Expires = end,
                    Subject = new ClaimsIdentity(claims),
                    SigningCredentials = new SigningCredentials(key, algorithm),
                }
            );
        }
        var genuine = Craft(keys.Current);
        Assert.That(
            (await TestRun.WithToken(genuine).Auth.GetCallerAsync()).SubjectId,
            Is.EqualTo(bank.Created.Id),
            "the crafting itself is sound"
        );
        var parts = genuine.Split('.');
        var unsignedHeader = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        var attacks = new Dictionary<string, string>
        {
            ["expired"] = Craft(keys.Current, expires: DateTime.UtcNow.AddMinutes(-5)),
            ["wrong audience"] = Craft(keys.Current, audience: "another-api"),
            ["alg=none"] = $"{unsignedHeader}.{parts[1]}.",
            ["wrong key"] = Craft(
                new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64))
                {
                    KeyId = keys.Current.KeyId,
                }
            ),
            ["header kid of another key"] = Craft(
                new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64))
                {
                    KeyId = "made-up",
                }
            ),
        };
        var rotatedBank = await Actors.BankAsync();
        var rotatedToken = (
            await TestRun
                .Anonymous()
                .Auth.GetTokenAsync(new TokenBody(rotatedBank.Created.ClientId, rotatedBank.Created.ClientSecret!))
        ).AccessToken;
        await rotatedBank.Client.Auth.RotateSecretAsync(new RotateSecretBody(rotatedBank.Created.ClientSecret!));
        attacks["a rotated client's"] = rotatedToken;
        var disabledBank = await Actors.BankAsync();
        var disabledToken = (
            await TestRun
                .Anonymous()
                .Auth.GetTokenAsync(new TokenBody(disabledBank.Created.ClientId, disabledBank.Created.ClientSecret!))
        ).AccessToken;
        await (await TestRun.OperatorAsync()).Credentials.DisableAsync(disabledBank.Created.ClientId);
        attacks["a disabled client's"] = disabledToken;

        foreach (var (attack, token) in attacks)
        foreach (var url in new[] { "/api/v1/auth/me", "/api/v1/matches", "/api/v1/institutions", "/api/v1/alerts" })
        {
            using var http = TestRun.Http();
            using var message = new HttpRequestMessage(HttpMethod.Get, url);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(message);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{attack} token on {url}");
        }
    }

    private static async Task<List<(string Role, string? Token)>> CallersAsync()
    {
        async Task<string> TokenAsync(string clientId, string secret) =>
            (await TestRun.Anonymous().Auth.GetTokenAsync(new TokenBody(clientId, secret))).AccessToken;
        var bank = await Actors.BankAsync();
        var firm = await Actors.EnterpriseAsync();
        return
        [
            ("anonymous", null),
            ("operator", await TokenAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret)),
            ("bank", await TokenAsync(bank.Created.ClientId, bank.Created.ClientSecret!)),
            ("enterprise", await TokenAsync(firm.Created.ClientId, firm.Created.ClientSecret!)),
        ];
    }
}
