using System.Globalization;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Feeds;

/// <summary>
/// The market regulator's registration feed (issue 19): its facts override what the firm typed (kept as declared), an
/// abnormal status or listing is a profile flag, a grade cap and an alert, and the records reach a report under the
/// registration scope.
/// </summary>
public sealed class RegistrationFeedTests
{
    private static async Task<Actors.Party<RegisteredEnterprise>> TradingFirmAsync()
    {
        var uscc = Usccs.Next();
        var tax = await Actors.DepartmentAsync(FeedType.Tax, FeedType.SocialSecurity);
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        var social = new StringBuilder("uscc,period,insuredEmployees,contributionPaid\n");
        for (var m = 1; m <= 24; m++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},300000,9000000\n");
            social.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},200,230000\n");
        }
        await FinishedAsync(tax.Client, (await PushAsync(tax.Client, FeedType.Tax, csv.ToString(), Csv)).Id);
        await FinishedAsync(
            tax.Client,
            (await PushAsync(tax.Client, FeedType.SocialSecurity, social.ToString(), Csv)).Id
        );
        return await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
    }

    private static async Task<ProfileDto> ProfileWhenAsync(
        FinanceMatchClient client,
        Guid enterpriseId,
        Func<ProfileDto, bool> condition,
        string failure
    )
    {
        ProfileDto? profile = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    profile = await client.Profiles.GetAsync(enterpriseId);
                    return condition(profile);
                }
                catch (Refit.ApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            failure
        );
        return profile!;
    }

    [Test]
    public async Task TheRegulatorsFacts_OverrideTheTypedOnes_AndAnAbnormalListingFlagsCapsAndAlerts()
    {
        var firm = await TradingFirmAsync();
        var uscc = firm.Created.Uscc;
        var before = await ProfileWhenAsync(firm.Client, firm.Created.Id, p => p.Rated, "the firm is never rated");
        Assert.That((before.Flags.RegistrationAbnormal, before.Caps), Is.EqualTo((false, (IReadOnlyList<string>)[])));
        var watcher = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                watcher.Created.Id,
                null,
                [ConsentScope.Registration, ConsentScope.Profile],
                ConsentPurpose.PostLoanMonitoring,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        // A claimant who proved nothing, of a USCC the regulator also reports, learns nothing from the regulator.
        var squatter = await Actors.PendingEnterpriseAsync();

        var regulator = await Actors.DepartmentAsync(FeedType.Registration);
        var rows = new StringBuilder(
            "uscc,record,entryId,name,legalRepresentative,establishedOn,registeredCapital,status,listedOn,reason,removedOn\n"
        );
        rows.Append($"{uscc},registration,,佛山精密模具有限公司,Chen Jun,2004-06-01,8000000,active,,,\n");
        rows.Append($"{uscc},abnormalOperation,AO-{uscc},,,,,,2026-09-01,未按规定公示年度报告,\n");
        rows.Append($"{squatter.Created.Uscc},registration,,Real Owner Ltd,Wang,2001-01-01,1000000,active,,,\n");
        rows.Append($"{Usccs.Next()},registration,,,Nobody,2001-01-01,1000000,active,,,\n"); // no name
        rows.Append($"{Usccs.Next()},abnormalOperation,,,,,,,2026-09-01,reason,\n"); // no entry id
        rows.Append($"{Usccs.Next()},registration,R-1,Named,Rep,2001-01-01,1000000,active,,,\n"); // entry id on the registration
        rows.Append($"{Usccs.Next()},abnormalOperation,AO-2,,,,,,2026-09-01,reason,2026-08-01\n"); // removed before listed
        rows.Append($"{Usccs.Next()},registration,,Named,Rep,2001-01-01,1000000,dormant,,,\n"); // unknown status
        rows.Append($"{Usccs.Next()},abnormalOperation,Registration,,,,,,2026-09-01,reason,\n"); // the registration's own key
        var batch = await FinishedAsync(
            regulator.Client,
            (await PushAsync(regulator.Client, FeedType.Registration, rows.ToString(), Csv)).Id
        );
        Assert.That((batch.AcceptedRows, batch.RejectedRows), Is.EqualTo((3, 6)));
        var errors = await regulator.Client.Feeds.GetBatchErrorsAsync(batch.Id);
        Assert.That(
            errors.Items.Select(e => (e.RowNumber, e.Field)),
            Is.EquivalentTo(
                new[] { (4, "name"), (5, "entryId"), (6, "entryId"), (7, "removedOn"), (8, "status"), (9, "entryId") }
            )
        );

        var after = await ProfileWhenAsync(
            firm.Client,
            firm.Created.Id,
            p => p.Flags.RegistrationAbnormal,
            "the abnormal-operation listing never reached the profile"
        );
        Assert.That(after.Caps, Does.Contain("abnormalOperation"));
        Assert.That(after.Grade, Is.AnyOf("BB", "B", "C"));
        Assert.That(after.Metrics.RegistrationWarnings, Is.EqualTo(1));
        Assert.That(after.Factors.Single(f => f.Code == "registrationWarnings").Impact, Is.Negative);
        Assert.That(after.Metrics.YearsInOperation, Is.GreaterThan(22), "the regulator's 2004, not the typed 2015");
        Assert.That(after.Metrics.RegisteredCapital, Is.EqualTo(8_000_000m));

        var shown = await firm.Client.Enterprises.GetAsync(firm.Created.Id);
        Assert.That(
            (shown.Name, shown.LegalRepresentative, shown.EstablishedOn, shown.RegisteredCapital),
            Is.EqualTo(("佛山精密模具有限公司", "Chen Jun", new DateOnly(2004, 6, 1), 8_000_000m))
        );
        Assert.That((shown.FactsSource, shown.RegistrationStatus), Is.EqualTo(("marketRegulator", "active")));
        Assert.That(
            shown.Declared,
            Is.EqualTo(
                new DeclaredFactsDto(
                    "Foshan Precision Moulds Co., Ltd.",
                    "Li Wei",
                    new DateOnly(2015, 3, 18),
                    5_000_000m
                )
            )
        );
        var unproved = await squatter.Client.Enterprises.GetAsync(squatter.Created.Id);
        Assert.That(
            (unproved.Name, unproved.FactsSource, unproved.RegistrationStatus),
            Is.EqualTo(("Foshan Precision Moulds Co., Ltd.", "declared", (string?)null))
        );

        await Eventually.HoldsAsync(
            async () =>
                (await watcher.Client.Alerts.ListAsync(pageSize: 500)).Items.Any(a =>
                    a.EnterpriseId == firm.Created.Id && a.Kind == AlertKind.RegistrationAbnormal
                ),
            TimeSpan.FromSeconds(30),
            "the following bank was never alerted"
        );
        var report = await watcher.Client.Consents.GetReportAsync(firm.Created.Id, purpose: "postLoanMonitoring");
        Assert.That(
            report.Records.Registration!.Select(r => (r.RecordKey, r.Record)),
            Is.EqualTo(new[] { ("registration", "registration"), ($"AO-{uscc}", "abnormalOperation") })
        );

        // The regulator removes the listing: the flag and the cap go at the next rebuild.
        await FinishedAsync(
            regulator.Client,
            (
                await PushAsync(
                    regulator.Client,
                    FeedType.Registration,
                    $"uscc,record,entryId,listedOn,reason,removedOn\n{uscc},abnormalOperation,AO-{uscc},2026-09-01,未按规定公示年度报告,{DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}\n",
                    Csv
                )
            ).Id
        );
        var cleared = await ProfileWhenAsync(
            firm.Client,
            firm.Created.Id,
            p => !p.Flags.RegistrationAbnormal,
            "the removed listing still flags the firm"
        );
        Assert.That(cleared.Caps, Is.Empty);
        Assert.That(cleared.Score, Is.GreaterThan(after.Score!.Value));
    }
}
