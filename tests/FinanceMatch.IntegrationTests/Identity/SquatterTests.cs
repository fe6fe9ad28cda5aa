using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

/// <summary>
/// A USCC is printed on every licence and invoice, so anyone can register one. Such a claim, pending or rejected, gets
/// nothing about the firm: every operation of the OpenAPI document under /enterprises/{id}/…, /loan-requests, /matches and
/// /consents, called with its token, is 403 verification-required or 404 — with its own id and with the real firm's.
/// </summary>
public sealed class SquatterTests
{
    private static readonly string[] Guarded =
    [
        "/api/v1/enterprises/{",
        "/api/v1/loan-requests",
        "/api/v1/matches",
        "/api/v1/consents",
    ];

    [Test]
    public async Task UnverifiedClaims_GetNothingAboutTheFirm_AtAnyEndpoint()
    {
        // The squatter registers the victim's USCC first; the victim registers and verifies with its licence.
        var request = Actors.EnterpriseRequest();
        var squatter = await Actors.PendingEnterpriseAsync(request);
        var victim = await Actors.EnterpriseAsync(request);
        var bank = await Actors.BankAsync();
        var band = Support.Marketplace.Band();
        await Support.Marketplace.PublishedAsync(bank.Client, Support.Marketplace.Product(band));
        var loan = await Support.Marketplace.MatchedAsync(victim.Client, Support.Marketplace.Request(band));
        var match = loan.Matches.First();
        var consent = (await victim.Client.Consents.ListAsync(victim.Created.Id)).Items.First();
        // A second squatter, on a firm nobody has verified yet.
        var pending = await Actors.PendingEnterpriseAsync();
        Assert.That(
            (await squatter.Client.Enterprises.GetAsync(squatter.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Rejected)
        );

        using var anonymous = TestRun.Http();
        using var document = JsonDocument.Parse(
            await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative))
        );
        var calls = new List<(HttpMethod Method, string Url)>();
        foreach (
            var path in document
                .RootElement.GetProperty("paths")
                .EnumerateObject()
                .Where(p => Guarded.Any(g => p.Name.StartsWith(g, StringComparison.Ordinal)))
        )
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (path.Name == "/api/v1/enterprises/{id}")
                continue; // its own registration: allowed, and another's is 404 (below)
            var method = new HttpMethod(operation.Name.ToUpperInvariant());
            foreach (var firmId in new[] { squatter.Created.Id, victim.Created.Id })
            {
                if (path.Name == "/api/v1/enterprises/{id}/verification" && firmId == squatter.Created.Id)
                    continue; // allowed to try
                var url = path
                    .Name.Replace(
                        "{id}",
                        path.Name.StartsWith("/api/v1/enterprises/", StringComparison.Ordinal) ? firmId.ToString()
                            : path.Name.StartsWith("/api/v1/matches", StringComparison.Ordinal) ? match.Id.ToString()
                            : loan.Id.ToString(),
                        StringComparison.Ordinal
                    )
                    .Replace("{enterpriseId}", firmId.ToString(), StringComparison.Ordinal)
                    .Replace("{consentId}", consent.Id.ToString(), StringComparison.Ordinal);
                calls.Add((method, url));
            }
        }
        calls.Add((HttpMethod.Get, $"/api/v1/enterprises/{victim.Created.Id}"));

        var failures = new List<string>();
        foreach (
            var (role, token) in new[]
            {
                ("rejected", await TokenAsync(squatter)),
                ("pending", await TokenAsync(pending)),
            }
        )
        foreach (var (method, url) in calls.Distinct())
        {
            using var message = new HttpRequestMessage(method, url);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (method != HttpMethod.Get && method != HttpMethod.Delete)
                message.Content = JsonContent.Create(new { });
            using var response = await anonymous.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var refused =
                response.StatusCode == HttpStatusCode.NotFound
                || (
                    response.StatusCode == HttpStatusCode.Forbidden
                    && body.Contains("/verification-required\"", StringComparison.Ordinal)
                );
            if (!refused || body.Contains(victim.Created.Uscc, StringComparison.Ordinal))
                failures.Add(
                    $"{role}: {method} {url} → {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}"
                );
        }

        Assert.That(calls, Has.Count.GreaterThanOrEqualTo(20), "every guarded operation was tried");
        Assert.That(failures, Is.Empty, string.Join('\n', failures));
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.credit_profiles WHERE enterprise_id IN ($1, $2)",
                squatter.Created.Id,
                pending.Created.Id
            ),
            Is.Zero,
            "no profile is built for a claim nobody proved"
        );
        TestContext.Out.WriteLine($"{calls.Count} operations, each refused to a rejected and a pending claim");
    }

    [Test]
    public async Task UnverifiedFirm_MayReadItsOwnRegistration_RotateItsSecret_AndVerify()
    {
        var firm = await Actors.PendingEnterpriseAsync();

        Assert.That(
            (await firm.Client.Enterprises.GetAsync(firm.Created.Id)).Verification,
            Is.EqualTo(EnterpriseVerification.Pending)
        );
        Assert.That((await firm.Client.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(firm.Created.Id));
        var rotated = await firm.Client.Auth.RotateSecretAsync(new RotateSecretBody(firm.Created.ClientSecret!));
        var signedIn = await TestRun.SignInAsync(rotated.ClientId, rotated.ClientSecret);
        var problem = await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => signedIn.Profiles.GetAsync(firm.Created.Id)
        );
        Assert.That(problem.GetProperty("type").GetString(), Does.EndWith("/verification-required"));

        await Actors.VerifyAsync(signedIn, firm.Created);

        Assert.That(
            (await signedIn.Profiles.GetAsync(firm.Created.Id)).EnterpriseId,
            Is.EqualTo(firm.Created.Id),
            "the same token works at once"
        );
    }

    private static async Task<string> TokenAsync(Actors.Party<RegisteredEnterprise> firm) =>
        (
            await TestRun
                .Anonymous()
                .Auth.GetTokenAsync(new TokenBody(firm.Created.ClientId, firm.Created.ClientSecret!))
        ).AccessToken;
}
