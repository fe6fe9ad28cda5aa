using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Marketplace;

public sealed class GuaranteeProductTests
{
    private static GuaranteeProductBody Body(decimal coverage = 0.8m) =>
        new(
            "Policy guarantee for tech SMEs",
            "政银担: 80% of the loan, 1% a year",
            coverage,
            1m,
            100_000m,
            5_000_000m,
            500_000_000m,
            ["44"],
            ["C", "i65"],
            new EligibilityDto(MinGrade: "bb")
        );

    private static async Task<Actors.Party<CreatedInstitution>> GuarantorAsync(
        InstitutionKind kind = InstitutionKind.Guarantor
    )
    {
        var @operator = await TestRun.OperatorAsync();
        var created = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Guangdong Guarantee", Actors.UniqueCode("GUAR"), kind)
        );
        Assert.That(created.Kind, Is.EqualTo(kind));
        return new(created, await TestRun.SignInAsync(created.ClientId, created.ClientSecret!));
    }

    [Test]
    public async Task AGuarantor_DraftsAndPublishesAGuaranteeProduct_ThatIsThenPublic()
    {
        var guarantor = await GuarantorAsync();

        var draft = await guarantor.Client.Guarantees.CreateAsync(Body());

        Assert.That(
            (draft.Status, draft.InstitutionId, draft.CoverageRatio, draft.Eligibility.MinGrade),
            Is.EqualTo((GuaranteeProductStatus.Draft, guarantor.Created.Id, 0.8m, "BB"))
        );
        Assert.That(draft.IndustryPrefixes, Is.EqualTo(new[] { "C", "I65" }));
        var anonymous = TestRun.Anonymous();
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => anonymous.Guarantees.GetAsync(draft.Id));
        Assert.That(
            (await guarantor.Client.Guarantees.GetAsync(draft.Id)).Status,
            Is.EqualTo(GuaranteeProductStatus.Draft)
        );

        var published = await guarantor.Client.Guarantees.PublishAsync(draft.Id);

        Assert.That(published.Status, Is.EqualTo(GuaranteeProductStatus.Published));
        Assert.That(
            (await anonymous.Guarantees.ListAsync(institutionId: guarantor.Created.Id)).Items.Select(p => p.Id),
            Is.EqualTo(new[] { draft.Id })
        );
        await Problems.ExpectAsync(HttpStatusCode.Conflict, () => guarantor.Client.Guarantees.PublishAsync(draft.Id));
        Assert.That(
            (await guarantor.Client.Guarantees.WithdrawAsync(draft.Id)).Status,
            Is.EqualTo(GuaranteeProductStatus.Withdrawn)
        );
        Assert.That((await anonymous.Guarantees.ListAsync(institutionId: guarantor.Created.Id)).Items, Is.Empty);
        Assert.That(
            (await (await TestRun.OperatorAsync()).Institutions.GetAsync(guarantor.Created.Id)).Kind,
            Is.EqualTo(InstitutionKind.Guarantor)
        );
    }

    [Test]
    public async Task BanksLend_GuarantorsAndInsurersGuarantee_AndNeitherTouchesTheOthersProducts()
    {
        var bank = await Actors.BankAsync();
        var insurer = await GuarantorAsync(InstitutionKind.Insurer);
        var other = await GuarantorAsync();

        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Guarantees.CreateAsync(Body()));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => insurer.Client.Products.CreateAsync(Support.Marketplace.Product(Support.Marketplace.Band()))
        );
        var product = await insurer.Client.Guarantees.CreateAsync(Body());
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Guarantees.PublishAsync(product.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Guarantees.GetAsync(product.Id));
        var firm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Guarantees.CreateAsync(Body()));
        await Problems.ExpectFieldErrorAsync("coverageRatio", () => insurer.Client.Guarantees.CreateAsync(Body(1.2m)));
        await Problems.ExpectFieldErrorAsync(
            "maxAmount",
            () => insurer.Client.Guarantees.CreateAsync(Body() with { MaxAmount = 1m })
        );
        await Problems.ExpectFieldErrorAsync(
            "eligibility.minGrade",
            () => insurer.Client.Guarantees.CreateAsync(Body() with { Eligibility = new EligibilityDto(MinGrade: "Z") })
        );
        await Problems.ExpectAsync(
            HttpStatusCode.BadRequest,
            () => insurer.Client.Guarantees.CreateAsync(Body() with { DivisionPrefixes = ["x"] })
        );
    }
}
