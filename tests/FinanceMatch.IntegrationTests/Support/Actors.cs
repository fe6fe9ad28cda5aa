using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;

namespace FinanceMatch.IntegrationTests.Support;

/// <summary>Creates parties with unique codes and USCCs, so tests running side by side never collide.</summary>
public static class Actors
{
    public sealed record Party<T>(T Created, FinanceMatchClient Client);

    public static string UniqueCode(string prefix) =>
        $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}".ToUpperInvariant();

    public static async Task<Party<CreatedInstitution>> BankAsync(string? name = null)
    {
        var @operator = await TestRun.OperatorAsync();
        var bank = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody(name ?? "Test Bank", UniqueCode("BANK"))
        );
        return new(bank, await TestRun.SignInAsync(bank.ClientId, bank.ClientSecret!));
    }

    /// <summary>A guarantee agency: it signs in with a bank's role, but lends nothing.</summary>
    public static async Task<Party<CreatedInstitution>> GuarantorAsync()
    {
        var @operator = await TestRun.OperatorAsync();
        var guarantor = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Test Guarantee Agency", UniqueCode("GUAR"), InstitutionKind.Guarantor)
        );
        return new(guarantor, await TestRun.SignInAsync(guarantor.ClientId, guarantor.ClientSecret!));
    }

    public static async Task<Party<CreatedDepartment>> DepartmentAsync(params FeedType[] feedTypes)
    {
        var @operator = await TestRun.OperatorAsync();
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody(
                "Test Department",
                UniqueCode("DEPT"),
                feedTypes.Length == 0 ? [FeedType.Tax] : feedTypes
            )
        );
        return new(department, await TestRun.SignInAsync(department.ClientId, department.ClientSecret!));
    }

    public static RegisterEnterpriseBody EnterpriseRequest(string? uscc = null) =>
        new(
            uscc ?? Usccs.Next(),
            "Foshan Precision Moulds Co., Ltd.",
            "Li Wei",
            "440604",
            "C35",
            new DateOnly(2015, 3, 18),
            5_000_000m,
            42
        );

    /// <summary>A firm registered and verified as a real one would be: with a licence assertion about its USCC.</summary>
    public static async Task<Party<RegisteredEnterprise>> EnterpriseAsync(RegisterEnterpriseBody? request = null)
    {
        var firm = await PendingEnterpriseAsync(request);
        await VerifyAsync(firm);
        return firm;
    }

    /// <summary>A registration nobody has verified: what a squatter holds.</summary>
    public static async Task<Party<RegisteredEnterprise>> PendingEnterpriseAsync(RegisterEnterpriseBody? request = null)
    {
        var enterprise = await TestRun.Anonymous().Enterprises.RegisterAsync(request ?? EnterpriseRequest());
        return new(enterprise, await TestRun.SignInAsync(enterprise.ClientId, enterprise.ClientSecret!));
    }

    public static Task<EnterpriseDto> VerifyAsync(Party<RegisteredEnterprise> firm) =>
        VerifyAsync(firm.Client, firm.Created);

    /// <summary>The registered firm verifies itself with a fresh licence assertion from the fake issuer.</summary>
    public static Task<EnterpriseDto> VerifyAsync(FinanceMatchClient client, RegisteredEnterprise registered) =>
        client.Enterprises.SubmitVerificationAsync(
            registered.Id,
            new SubmitVerificationBody(
                VerificationMethod.BusinessLicence,
                FakeLicenceIssuer.Instance.Assertion(
                    registered.Uscc,
                    new FakeLicenceIssuer.Options { LegalRepresentative = registered.LegalRepresentative }
                )
            )
        );
}
