using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Consents;

/// <summary>
/// Every read of a firm's credit data is recorded in the reading transaction, in a per-firm SHA-256 chain that the firm
/// can recompute from what the API returns and operators can verify; a record edited afterwards shows.
/// </summary>
public sealed class AccessChainTests
{
    private static async Task<(
        Actors.Party<RegisteredEnterprise> Firm,
        Actors.Party<CreatedInstitution> Bank,
        ConsentDto Consent
    )> ConsentedAsync(ConsentPurpose purpose = ConsentPurpose.LoanAssessment)
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var consent = await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [ConsentScope.Profile, ConsentScope.Tax],
                purpose,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        return (firm, bank, consent);
    }

    [Test]
    public async Task FiftyConcurrentReadsOfOneFirm_LeaveAnUnbrokenChain_TheFirmCanRecompute()
    {
        var (firm, bank, _) = await ConsentedAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => bank.Client.Consents.GetReportAsync(firm.Created.Id)));

        var raw = await firm.Client.Http.GetStringAsync(
            new Uri($"/api/v1/enterprises/{firm.Created.Id}/report-accesses?pageSize=500", UriKind.Relative)
        );
        var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(50));
        var previous = new string('0', 64);
        foreach (var item in items)
        {
            string Text(string name) =>
                item.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString()! : "";
            var scopes = string.Join(',', item.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
            var canonical = string.Join(
                '|',
                Text("previousHash"),
                Text("id"),
                Text("accessedAt"),
                Text("actorRole"),
                Text("institutionId"),
                Text("consentId"),
                Text("purpose"),
                scopes
            );
            Assert.That(Text("previousHash"), Is.EqualTo(previous), "each record names its predecessor's hash");
            Assert.That(
                Text("hash"),
                Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))))
            );
            previous = Text("hash");
        }
        var verification = await (await TestRun.OperatorAsync()).Audit.VerifyReportAccessesAsync();
        Assert.That(verification.Broken.Where(b => b.EnterpriseId == firm.Created.Id), Is.Empty);
        Assert.That(verification.RecordsChecked, Is.GreaterThanOrEqualTo(50));
    }

    [Test]
    public async Task ARecordEditedInTheDatabase_IsReportedByVerification()
    {
        var (firm, bank, _) = await ConsentedAsync();
        for (var i = 0; i < 3; i++)
            await bank.Client.Consents.GetReportAsync(firm.Created.Id);
        var accesses = (await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).Items;
        var other = await Actors.BankAsync();

        // Someone with the database's own powers (past the append-only trigger) makes the second read look like another bank's.
        await Sql.ExecuteAsync(
            $"""
            SET session_replication_role = replica;
            UPDATE financematch.report_accesses SET institution_id = '{other.Created.Id}' WHERE id = '{accesses[1].Id}';
            """
        );

        var verification = await (await TestRun.OperatorAsync()).Audit.VerifyReportAccessesAsync();
        Assert.That(verification.Broken, Does.Contain(new BrokenAccessRecordDto(firm.Created.Id, accesses[1].Id)));
        Assert.That(
            verification.Broken.Where(b => b.EnterpriseId == firm.Created.Id).Select(b => b.RecordId),
            Is.EqualTo(new[] { accesses[1].Id }),
            "the records before and after it still fit"
        );
    }

    [Test]
    public async Task Verification_IsOperatorsOnly()
    {
        var (firm, bank, _) = await ConsentedAsync();
        var department = await Actors.DepartmentAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Audit.VerifyReportAccessesAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Audit.VerifyReportAccessesAsync());
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => department.Client.Audit.VerifyReportAccessesAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Audit.VerifyReportAccessesAsync()
        );
    }

    [Test]
    public async Task AccessRecords_CannotBeChangedOrDeleted()
    {
        var (firm, bank, _) = await ConsentedAsync();
        await bank.Client.Consents.GetReportAsync(firm.Created.Id);

        var edit = await Assert.CatchAsync(() =>
            Sql.ExecuteAsync(
                "UPDATE financematch.report_accesses SET scopes = '{}' WHERE enterprise_id = $1",
                firm.Created.Id
            )
        );
        var delete = await Assert.CatchAsync(() =>
            Sql.ExecuteAsync("DELETE FROM financematch.report_accesses WHERE enterprise_id = $1", firm.Created.Id)
        );

        Assert.That(edit!.Message, Does.Contain("append-only"));
        Assert.That(delete!.Message, Does.Contain("five years"));
    }

    [Test]
    public async Task Purpose_IsEnforced_AndRecorded()
    {
        var (firm, bank, consent) = await ConsentedAsync(ConsentPurpose.PostLoanMonitoring);

        var refused = await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("loanAssessment"));
        var report = await bank.Client.Consents.GetReportAsync(firm.Created.Id, purpose: "postLoanMonitoring");
        await Problems.ExpectFieldErrorAsync(
            "purpose",
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id, purpose: "curiosity")
        );

        Assert.That(report.ConsentId, Is.EqualTo(consent.Id));
        var access = (await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).Items.Single();
        Assert.That(
            (access.ActorRole, access.Purpose),
            Is.EqualTo((AccessActorRole.Bank, (ConsentPurpose?)ConsentPurpose.PostLoanMonitoring))
        );
    }

    [Test]
    public async Task OperatorReads_OfProfileHistoryAndReport_AreRecorded()
    {
        var firm = await Actors.EnterpriseAsync();
        var @operator = await TestRun.OperatorAsync();

        await @operator.Profiles.GetAsync(firm.Created.Id);
        await @operator.Profiles.GetHistoryAsync(firm.Created.Id);
        var report = await @operator.Consents.GetReportAsync(firm.Created.Id);

        Assert.That(report.ConsentId, Is.Null);
        var accesses = (await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).Items;
        Assert.That(
            accesses.Select(a => (a.ActorRole, a.OperatorClientId, a.InstitutionId)),
            Has.All.EqualTo((AccessActorRole.Operator, (string?)FinanceMatchApp.OperatorClientId, (Guid?)null))
        );
        Assert.That(
            accesses.Select(a => a.Scopes.Count),
            Is.EqualTo(new[] { 1, 1, Enum.GetValues<ConsentScope>().Length })
        );
        await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(
            (await firm.Client.Consents.ListAccessesAsync(firm.Created.Id)).TotalCount,
            Is.EqualTo(3),
            "the firm reading itself is no access"
        );
    }
}
