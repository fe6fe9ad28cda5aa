using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Identity;

/// <summary>
/// Rotation needs the current secret; rotation, reset and disable end every earlier token; operators manage clients.
/// What a token may do is asked with that token alone (<see cref="TestRun.WithToken"/>): the package's client would
/// replace a refused one.
/// </summary>
public sealed class CredentialLifecycleTests
{
    [Test]
    public async Task Rotation_WithoutOrWithWrongCurrentSecret_Is400Or401_AndChangesNothing()
    {
        var bank = await Actors.BankAsync();
        var session = TestRun.WithToken(await TokenAsync(bank));

        await Problems.ExpectFieldErrorAsync(
            "currentSecret",
            () => session.Auth.RotateSecretAsync(new RotateSecretBody(""))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => session.Auth.RotateSecretAsync(new RotateSecretBody("a-stolen-token-does-not-know-it"))
        );

        Assert.That(
            (await session.Auth.GetCallerAsync()).SubjectId,
            Is.EqualTo(bank.Created.Id),
            "the token still works"
        );
        await TestRun.SignInAsync(bank.Created.ClientId, bank.Created.ClientSecret!);
    }

    [Test]
    public async Task FiveWrongCurrentSecrets_AndRotationIs429_EvenWithTheRightOne()
    {
        var bank = await Actors.BankAsync();
        for (var i = 0; i < 5; i++)
            await Problems.ExpectAsync(
                HttpStatusCode.Unauthorized,
                () => bank.Client.Auth.RotateSecretAsync(new RotateSecretBody($"guess-{i}"))
            );

        await Problems.ExpectAsync(
            HttpStatusCode.TooManyRequests,
            () => bank.Client.Auth.RotateSecretAsync(new RotateSecretBody(bank.Created.ClientSecret!))
        );

        var refusals = await (await TestRun.OperatorAsync()).Credentials.ListEventsAsync(
            kind: "secretRotationRefused",
            clientId: bank.Created.ClientId
        );
        Assert.That(refusals.TotalCount, Is.EqualTo(5), "each wrong guess is in the security log");
        await TestRun.SignInAsync(bank.Created.ClientId, bank.Created.ClientSecret!);
    }

    [Test]
    public async Task Rotation_EndsEveryEarlierToken_AtTheNextRequest()
    {
        var bank = await Actors.BankAsync();
        var session = TestRun.WithToken(await TokenAsync(bank));
        var otherSession = TestRun.WithToken(await TokenAsync(bank));
        await otherSession.Auth.GetCallerAsync(); // cached as valid

        var rotated = await session.Auth.RotateSecretAsync(new RotateSecretBody(bank.Created.ClientSecret!));

        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => session.Auth.GetCallerAsync());
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => otherSession.Institutions.ListAsync());
        // The package's client, its token refused, cannot sign in again with the secret rotated away.
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => bank.Client.Auth.GetCallerAsync());
        var fresh = await TestRun.SignInAsync(rotated.ClientId, rotated.ClientSecret);
        Assert.That((await fresh.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id));
    }

    [Test]
    public async Task ARotation_EndsTheTokenInAnotherApiProcess_ThatHadItCached_WithinSeconds()
    {
        await using var other = await WorkerProcess.StartApiAsync(
            TestRun.Database.ConnectionString,
            new Dictionary<string, string>()
        );
        var bank = await Actors.BankAsync();
        var token = (
            await TestRun
                .Anonymous()
                .Auth.GetTokenAsync(new TokenBody(bank.Created.ClientId, bank.Created.ClientSecret!))
        ).AccessToken;
        using var http = new HttpClient { BaseAddress = other.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.That(
            (await http.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative))).StatusCode,
            Is.EqualTo(HttpStatusCode.OK),
            "cached as valid there"
        );

        await bank.Client.Auth.RotateSecretAsync(new RotateSecretBody(bank.Created.ClientSecret!));
        var rotated = System.Diagnostics.Stopwatch.StartNew();

        await Eventually.HoldsAsync(
            async () =>
                (await http.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative))).StatusCode
                == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5),
            "the other process still accepted the token five seconds after the rotation (its cache lives 30 s)"
        );
        TestContext.Out.WriteLine(
            $"the other process refused the token {rotated.ElapsedMilliseconds} ms after the rotation"
        );
    }

    [Test]
    public async Task OperatorDisable_EndsTokensAndSignIn_EnableRestoresSignInOnly()
    {
        var @operator = await TestRun.OperatorAsync();
        var bank = await Actors.BankAsync();
        var session = TestRun.WithToken(await TokenAsync(bank));
        await session.Auth.GetCallerAsync();

        var disabled = await @operator.Credentials.DisableAsync(bank.Created.ClientId);

        Assert.That(disabled.Enabled, Is.False);
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => session.Auth.GetCallerAsync());
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => bank.Client.Auth.GetCallerAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.SignInAsync(bank.Created.ClientId, bank.Created.ClientSecret!)
        );

        var enabled = await @operator.Credentials.EnableAsync(bank.Created.ClientId);

        Assert.That(enabled.Enabled, Is.True);
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => session.Auth.GetCallerAsync());
        var again = await TestRun.SignInAsync(bank.Created.ClientId, bank.Created.ClientSecret!);
        Assert.That((await again.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id));
        var events = (await @operator.Credentials.ListEventsAsync(clientId: bank.Created.ClientId))
            .Items.Select(e => e.Kind)
            .ToList();
        Assert.That(
            events,
            Is.EqualTo(
                new[]
                {
                    SecurityEventKind.CredentialEnabled,
                    SecurityEventKind.CredentialDisabled,
                    SecurityEventKind.CredentialIssued,
                }
            )
        );
    }

    [Test]
    public async Task OperatorReset_ReturnsANewSecretOnce_AndEndsEarlierTokens()
    {
        var @operator = await TestRun.OperatorAsync();
        var department = await Actors.DepartmentAsync();
        var session = TestRun.WithToken(
            await TestRun.TokenAsync(department.Created.ClientId, department.Created.ClientSecret!)
        );

        var reset = await @operator.Credentials.ResetAsync(department.Created.ClientId);

        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => session.Auth.GetCallerAsync());
        await Problems.ExpectAsync(HttpStatusCode.Unauthorized, () => department.Client.Auth.GetCallerAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.SignInAsync(department.Created.ClientId, department.Created.ClientSecret!)
        );
        var fresh = await TestRun.SignInAsync(reset.ClientId, reset.ClientSecret);
        Assert.That((await fresh.Auth.GetCallerAsync()).Role, Is.EqualTo(Role.Department));
        var credential = await @operator.Credentials.GetAsync(department.Created.ClientId);
        Assert.That(credential.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task TheLastEnabledOperator_CannotBeDisabled()
    {
        var @operator = await TestRun.OperatorAsync();
        // The API creates no operators besides the bootstrap one; a second one is written the way a deployment script would.
        var second = "opr_second_" + Guid.NewGuid().ToString("N")[..8];
        await Sql.ExecuteAsync(
            """
            INSERT INTO financematch.credentials (id, client_id, secret_hash, role, subject_id, created_at, version)
            SELECT id, $1, 'sha256:none', 'Operator', id, now(), 1 FROM (SELECT gen_random_uuid() AS id) g
            """,
            second
        );

        Assert.That(
            (await @operator.Credentials.DisableAsync(second)).Enabled,
            Is.False,
            "another operator was still enabled"
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => @operator.Credentials.DisableAsync(FinanceMatchApp.OperatorClientId)
        );

        Assert.That((await @operator.Auth.GetCallerAsync()).Role, Is.EqualTo(Role.Operator));
    }

    [Test]
    public async Task CredentialManagement_IsOperatorsOnly_UnknownClientIs404()
    {
        var bank = await Actors.BankAsync();
        var other = await Actors.BankAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Credentials.DisableAsync(other.Created.ClientId)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Credentials.ResetAsync(other.Created.ClientId)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Credentials.ListEventsAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Credentials.RotateSigningKeyAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Credentials.DisableAsync(other.Created.ClientId)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            async () => await (await TestRun.OperatorAsync()).Credentials.DisableAsync("bank_nobody")
        );
        Assert.That((await other.Client.Auth.GetCallerAsync()).SubjectId, Is.EqualTo(other.Created.Id));
    }

    [Test]
    public async Task SecurityLog_IsAppendOnly()
    {
        await Actors.BankAsync();
        var error = await Assert.CatchAsync(() => Sql.ExecuteAsync("DELETE FROM financematch.security_events"));
        Assert.That(error!.Message, Does.Contain("append-only"));
        error = await Assert.CatchAsync(() =>
            Sql.ExecuteAsync("UPDATE financematch.security_events SET detail = 'covered up'")
        );
        Assert.That(error!.Message, Does.Contain("append-only"));
    }

    [Test]
    public async Task IdempotentReplayOfACreate_ReturnsTheResourceWithoutTheSecret_WhichIsNeverStored()
    {
        var @operator = await TestRun.OperatorAsync();
        var request = new CreateInstitutionBody("Replay Bank", Actors.UniqueCode("BANK"));
        var key = Guid.NewGuid().ToString();

        var first = await @operator.Institutions.CreateAsync(request, key);
        var replay = await @operator.Institutions.CreateAsync(request, key);

        Assert.That(first.ClientSecret, Is.Not.Null.And.Not.Empty);
        Assert.That((replay.Id, replay.ClientId), Is.EqualTo((first.Id, first.ClientId)));
        Assert.That(replay.ClientSecret, Is.Null);
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.idempotency_keys WHERE strpos(response_body::text, $1) > 0",
                first.ClientSecret!
            ),
            Is.Zero
        );

        var registration = Actors.EnterpriseRequest();
        var firmKey = Guid.NewGuid().ToString();
        var registered = await TestRun.Anonymous().Enterprises.RegisterAsync(registration, firmKey);
        var again = await TestRun.Anonymous().Enterprises.RegisterAsync(registration, firmKey);
        Assert.That((again.Id, again.ClientSecret), Is.EqualTo((registered.Id, (string?)null)));
    }

    [Test]
    public async Task OAuthClientCredentials_FormAndBasic_IssueAWorkingToken()
    {
        var bank = await Actors.BankAsync();
        using var http = TestRun.Http();

        using var form = await http.PostAsync(
            new Uri("/api/v1/auth/token", UriKind.Relative),
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = bank.Created.ClientId,
                    ["client_secret"] = bank.Created.ClientSecret!,
                }
            )
        );
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), await form.Content.ReadAsStringAsync());
        Assert.That(form.Headers.CacheControl?.NoStore, Is.True);
        var body = JsonDocument.Parse(await form.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(3600));
        Assert.That(
            (await TestRun.WithToken(body.GetProperty("access_token").GetString()!).Auth.GetCallerAsync()).SubjectId,
            Is.EqualTo(bank.Created.Id)
        );

        using var basicRequest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
        {
            Content = new FormUrlEncodedContent(
                new Dictionary<string, string> { ["grant_type"] = "client_credentials" }
            ),
        };
        basicRequest.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(
                Encoding.UTF8.GetBytes(
                    $"{Uri.EscapeDataString(bank.Created.ClientId)}:{Uri.EscapeDataString(bank.Created.ClientSecret!)}"
                )
            )
        );
        using var basic = await http.SendAsync(basicRequest);
        Assert.That(basic.StatusCode, Is.EqualTo(HttpStatusCode.OK), await basic.Content.ReadAsStringAsync());
    }

    [TestCase("grant_type=password&client_id=x&client_secret=y", HttpStatusCode.BadRequest, "unsupported_grant_type")]
    [TestCase("client_id=x&client_secret=y", HttpStatusCode.BadRequest, "invalid_request")]
    [TestCase(
        "grant_type=client_credentials&client_id=nobody&client_secret=wrong",
        HttpStatusCode.Unauthorized,
        "invalid_client"
    )]
    [TestCase("grant_type=client_credentials", HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task OAuthErrors_AreRfc6749Codes_InProblemJson(string form, HttpStatusCode status, string error)
    {
        using var http = TestRun.Http();
        using var response = await http.PostAsync(
            new Uri("/api/v1/auth/token", UriKind.Relative),
            new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded")
        );

        await Problems.ExpectRawAsync(status, response);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
        Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task SigningKeyRotation_OldTokensStayValid_NewTokensCarryTheNewKid()
    {
        var @operator = await TestRun.OperatorAsync();
        var bank = await Actors.BankAsync();
        var earlier = await TokenAsync(bank);
        var before = Kid(earlier);

        var rotated = await @operator.Credentials.RotateSigningKeyAsync();

        Assert.That(rotated.Kid, Is.Not.EqualTo(before));
        Assert.That(
            (await TestRun.WithToken(earlier).Auth.GetCallerAsync()).SubjectId,
            Is.EqualTo(bank.Created.Id),
            "a token of the previous key runs out normally"
        );
        var after = await TokenAsync(bank);
        Assert.That(Kid(after), Is.EqualTo(rotated.Kid));
        Assert.That((await TestRun.WithToken(after).Auth.GetCallerAsync()).SubjectId, Is.EqualTo(bank.Created.Id));
        var events = await @operator.Credentials.ListEventsAsync(kind: "signingKeyRotated");
        Assert.That(events.Items.Select(e => e.Detail), Has.Some.Contain(rotated.Kid));
    }

    private static Task<string> TokenAsync(Actors.Party<CreatedInstitution> bank) =>
        TestRun.TokenAsync(bank.Created.ClientId, bank.Created.ClientSecret!);

    private static string Kid(string token) =>
        JsonDocument
            .Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[0]))
            .RootElement.GetProperty("kid")
            .GetString()!;
}
