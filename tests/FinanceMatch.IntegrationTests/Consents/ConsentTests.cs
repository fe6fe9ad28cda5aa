using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Consents;

public sealed class ConsentTests
{
    private static GrantConsentBody ForBank(
        Guid institutionId,
        ConsentPurpose purpose = ConsentPurpose.LoanAssessment,
        int days = 30
    ) =>
        new(
            institutionId,
            null,
            [ConsentScope.Tax, ConsentScope.Profile, ConsentScope.Tax],
            purpose,
            DateTimeOffset.UtcNow.AddDays(days)
        );

    [Test]
    public async Task Firm_GrantsAConsentToABank_AndSeesItListed()
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();

        var consent = await firm.Client.Consents.GrantAsync(firm.Created.Id, ForBank(bank.Created.Id));

        Assert.That(consent.Status, Is.EqualTo(ConsentStatus.Active));
        Assert.That(consent.Scopes, Is.EqualTo(new[] { ConsentScope.Profile, ConsentScope.Tax }));
        Assert.That(consent.InstitutionId, Is.EqualTo(bank.Created.Id));
        var listed = await firm.Client.Consents.ListAsync(firm.Created.Id);
        Assert.That(listed.Items.Single().Id, Is.EqualTo(consent.Id));
        Assert.That(
            (await (await TestRun.OperatorAsync()).Consents.ListAsync(firm.Created.Id)).TotalCount,
            Is.EqualTo(1)
        );
    }

    [Test]
    public async Task Revoke_TakesEffectAtOnce_AndIsIdempotent()
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var consent = await firm.Client.Consents.GrantAsync(firm.Created.Id, ForBank(bank.Created.Id));

        await firm.Client.Consents.RevokeAsync(firm.Created.Id, consent.Id);
        await firm.Client.Consents.RevokeAsync(firm.Created.Id, consent.Id);

        var listed = (await firm.Client.Consents.ListAsync(firm.Created.Id)).Items.Single();
        Assert.That(listed.Status, Is.EqualTo(ConsentStatus.Revoked));
        Assert.That(listed.RevokedAt, Is.Not.Null);
    }

    [Test]
    public async Task InvalidConsents_Are400_WithTheField()
    {
        var firm = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var id = firm.Created.Id;
        await Problems.ExpectFieldErrorAsync(
            "institutionId",
            () => firm.Client.Consents.GrantAsync(id, ForBank(bank.Created.Id) with { LoanRequestId = Guid.NewGuid() })
        );
        await Problems.ExpectFieldErrorAsync(
            "institutionId",
            () => firm.Client.Consents.GrantAsync(id, ForBank(bank.Created.Id) with { InstitutionId = null })
        );
        await Problems.ExpectFieldErrorAsync(
            "expiresAt",
            () => firm.Client.Consents.GrantAsync(id, ForBank(bank.Created.Id, days: -1))
        );
        await Problems.ExpectFieldErrorAsync(
            "expiresAt",
            () => firm.Client.Consents.GrantAsync(id, ForBank(bank.Created.Id, days: 366))
        );
        await Problems.ExpectFieldErrorAsync(
            "scopes",
            () => firm.Client.Consents.GrantAsync(id, ForBank(bank.Created.Id) with { Scopes = [] })
        );
    }

    [Test]
    public async Task UnknownInstitutionOrLoanRequest_Is422()
    {
        var firm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => firm.Client.Consents.GrantAsync(firm.Created.Id, ForBank(Guid.NewGuid()))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () =>
                firm.Client.Consents.GrantAsync(
                    firm.Created.Id,
                    new GrantConsentBody(
                        null,
                        Guid.NewGuid(),
                        [ConsentScope.Profile],
                        ConsentPurpose.LoanAssessment,
                        DateTimeOffset.UtcNow.AddDays(5)
                    )
                )
        );
    }

    [Test]
    public async Task AnotherPartysConsents_AreNotVisible()
    {
        var firm = await Actors.EnterpriseAsync();
        var other = await Actors.EnterpriseAsync();
        var bank = await Actors.BankAsync();
        var consent = await firm.Client.Consents.GrantAsync(firm.Created.Id, ForBank(bank.Created.Id));

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Consents.ListAsync(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Consents.RevokeAsync(firm.Created.Id, consent.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Consents.RevokeAsync(other.Created.Id, consent.Id)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => other.Client.Consents.GrantAsync(firm.Created.Id, ForBank(bank.Created.Id))
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Consents.ListAsync(firm.Created.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            async () =>
                await (await TestRun.OperatorAsync()).Consents.GrantAsync(firm.Created.Id, ForBank(bank.Created.Id))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => TestRun.Anonymous().Consents.ListAsync(firm.Created.Id)
        );
        Assert.That(
            (await firm.Client.Consents.ListAsync(firm.Created.Id)).Items.Single().Status,
            Is.EqualTo(ConsentStatus.Active)
        );
    }
}
