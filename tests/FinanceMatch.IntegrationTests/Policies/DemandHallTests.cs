using System.Net;
using System.Text.Json;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Marketplace;

namespace FinanceMatch.IntegrationTests.Policies;

/// <summary>The demand hall: requests nobody took, anonymised for banks; nothing reaches a bank before the firm confirms it.</summary>
public sealed class DemandHallTests
{
    /// <summary>A request in a band of its own, where no product reached when it was posted: nobody took it.</summary>
    private static async Task<LoanRequestDto> UntakenAsync(
        Actors.Party<RegisteredEnterprise> firm,
        decimal? band = null
    )
    {
        var request = await MatchedAsync(
            firm.Client,
            Request(band ?? Band()) with
            {
                Purpose = "Secret expansion of the Hami melon line",
                PurposeCategory = PurposeCategory.Expansion,
            }
        );
        Assert.That(request.Status, Is.EqualTo(LoanRequestStatus.NoMatch));
        return request;
    }

    /// <summary>The request's entry in the hall as the bank sees it, found by its hall id (what the bank knows it by).</summary>
    private static async Task<DemandHallEntryDto?> EntryAsync(Actors.Party<CreatedInstitution> bank, Guid requestId)
    {
        var hallId = await Sql.ScalarAsync<Guid>(
            "SELECT hall_id FROM financematch.loan_requests WHERE id = $1",
            requestId
        );
        for (var page = 1; ; page++)
        {
            var hall = await bank.Client.DemandHall.ListAsync(page, 200);
            if (hall.Items.FirstOrDefault(e => e.Id == hallId) is { } entry)
                return entry;
            if (page * 200 >= hall.TotalCount)
                return null;
        }
    }

    [Test]
    public async Task ARequestNobodyTook_IsShownAnonymised_AndOnlyTheFirmsConfirmation_LetsTheBankIn()
    {
        var firm = await Actors.EnterpriseAsync();
        var band = Band();
        var request = await UntakenAsync(firm, band);
        var bank = await Actors.BankAsync();
        // Published after the request was settled: matching did not see it, the bank offers it from the hall.
        var product = await PublishedAsync(bank.Client, Product(band));
        var unfit = await PublishedAsync(bank.Client, Product(Band(), name: "Another size"));

        var entry = await EntryAsync(bank, request.Id);
        Assert.That(entry, Is.Not.Null, "the untaken request is in the hall");
        Assert.That(
            entry!.Id,
            Is.Not.EqualTo(request.Id),
            "the hall has ids of its own, not the time-ordered request id"
        );
        Assert.That(entry.Amount, Is.EqualTo(Core.DemandHall.Anonymisation.RoundAmount(request.Amount)));
        Assert.That(entry.Amount, Is.Not.EqualTo(request.Amount), "not the exact amount");
        Assert.That(
            (entry.PurposeCategory, entry.TermMonths, entry.Interested),
            Is.EqualTo((PurposeCategory.Expansion, 24, false))
        );
        var shown = JsonSerializer.Serialize(entry);
        foreach (var secret in new[] { firm.Created.Uscc, firm.Created.Name, firm.Created.Id.ToString(), "Hami melon" })
            Assert.That(shown, Does.Not.Contain(secret));

        // Before the firm confirms, the bank reads nothing of it.
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );
        var interest = await bank.Client.DemandHall.ExpressInterestAsync(
            entry.Id,
            new ExpressInterestBody(product.Id, "We lend to growers")
        );
        Assert.That((interest.Status, interest.ProductId), Is.EqualTo((InterestStatus.Open, product.Id)));
        Assert.That(
            (
                await bank.Client.DemandHall.ExpressInterestAsync(
                    entry.Id,
                    new ExpressInterestBody(product.Id, "We lend to growers")
                )
            ).Id,
            Is.EqualTo(interest.Id)
        );
        Assert.That((await EntryAsync(bank, request.Id))!.Interested, Is.True);
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Consents.GetReportAsync(firm.Created.Id)
        );

        var other = await Actors.BankAsync();
        var othersProduct = await PublishedAsync(other.Client, Product(Band()));
        await Problems.ExpectFieldErrorAsync(
            "productId",
            () => bank.Client.DemandHall.ExpressInterestAsync(entry.Id, new ExpressInterestBody(othersProduct.Id)),
            HttpStatusCode.UnprocessableEntity
        );
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () =>
                bank.Client.DemandHall.ExpressInterestAsync(
                    Guid.NewGuid(),
                    new ExpressInterestBody(product.Id, "We lend to growers")
                )
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.DemandHall.ListAsync());
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () =>
                firm.Client.DemandHall.ExpressInterestAsync(
                    entry.Id,
                    new ExpressInterestBody(product.Id, "We lend to growers")
                )
        );

        // The firm sees who is interested; nobody else does.
        var interests = await firm.Client.DemandHall.InterestsAsync(request.Id);
        Assert.That(
            interests.Select(i => (i.InstitutionId, i.ProductName, i.Note)),
            Is.EqualTo(new[] { (bank.Created.Id, product.Name, (string?)"We lend to growers") })
        );
        var stranger = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => stranger.Client.DemandHall.InterestsAsync(request.Id)
        );
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.DemandHall.InterestsAsync(request.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => stranger.Client.DemandHall.ConfirmAsync(request.Id, interest.Id)
        );

        // The product's rules still decide: offered a product of another size, the firm cannot confirm it.
        await bank.Client.DemandHall.ExpressInterestAsync(entry.Id, new ExpressInterestBody(unfit.Id, "Or this one"));
        var refused = await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => firm.Client.DemandHall.ConfirmAsync(request.Id, interest.Id)
        );
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("amount"));
        await bank.Client.DemandHall.ExpressInterestAsync(
            entry.Id,
            new ExpressInterestBody(product.Id, "We lend to growers")
        );
        // A guarantor signs in with a bank's role, but the hall is for lending banks.
        var guarantor = await Actors.GuarantorAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => guarantor.Client.DemandHall.ListAsync());

        var match = await firm.Client.DemandHall.ConfirmAsync(request.Id, interest.Id);
        Assert.That(
            (match.InstitutionId, match.ProductId, match.Status),
            Is.EqualTo((bank.Created.Id, product.Id, MatchStatus.Pending))
        );
        Assert.That(
            (await firm.Client.LoanRequests.GetAsync(request.Id)).Status,
            Is.EqualTo(LoanRequestStatus.Matched)
        );
        // Now the request's consent covers the bank, through its match, and the read is logged.
        var report = await bank.Client.Consents.GetReportAsync(firm.Created.Id);
        Assert.That(report.Uscc, Is.EqualTo(firm.Created.Uscc));
        Assert.That(
            (await firm.Client.DemandHall.InterestsAsync(request.Id)).Single().Status,
            Is.EqualTo(InterestStatus.Confirmed)
        );
        Assert.That(await EntryAsync(other, request.Id), Is.Null, "an offer is in play: the request left the hall");
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => firm.Client.DemandHall.ConfirmAsync(request.Id, interest.Id)
        );

        // The bank's take-up figures count its own interest, confirmed, not yet funded.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var figures = await bank.Client.Statistics.GetOverviewAsync(today, today);
        Assert.That(
            (figures.DemandHallInterests, figures.DemandHallConfirmed, figures.DemandHallFunded),
            Is.EqualTo((1L, 1L, 0L))
        );
    }

    [Test]
    public async Task AFirmOfASmallRegion_CannotBeReIdentifiedFromTheHall_UntilFiveFirmsShareWhatIsShown()
    {
        // The only firm of a Xinjiang county in farming: its division, industry or band would point at it.
        static RegisterEnterpriseBody Remote() =>
            Actors.EnterpriseRequest() with
            {
                DivisionCode = "650102",
                IndustryCode = "A01",
            };
        var firm = await Actors.EnterpriseAsync(Remote());
        var request = await UntakenAsync(firm);
        var bank = await Actors.BankAsync();

        var entry = (await EntryAsync(bank, request.Id))!;
        Assert.That(
            (entry.Division, entry.IndustrySection, entry.GradeBand),
            Is.EqualTo(((string?)null, (string?)null, (string?)null))
        );
        // Try to find it by what a small region gives away: no entry of the hall names the county, the city or the province.
        var everything = new List<DemandHallEntryDto>();
        for (var page = 1; ; page++)
        {
            var hall = await bank.Client.DemandHall.ListAsync(page, 200);
            everything.AddRange(hall.Items);
            if (page * 200 >= hall.TotalCount)
                break;
        }
        Assert.That(everything.Where(e => e.Division?.StartsWith("65", StringComparison.Ordinal) == true), Is.Empty);

        // Five more verified farms in the same county: now the cell describes six firms, and the hall may name it.
        for (var i = 0; i < 5; i++)
            await Actors.EnterpriseAsync(Remote());
        entry = (await EntryAsync(bank, request.Id))!;
        Assert.That(
            (entry.Division, entry.IndustrySection, entry.GradeBand),
            Is.EqualTo(((string?)"650100", (string?)"A", (string?)"unrated"))
        );
    }
}
