using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using Refit;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Repairs;

/// <summary>
/// Penalties have a life cycle (issue 19): they count only while publicised, and a firm may repair one (信用修复) with
/// evidence; the department that supplied it decides, and an approval stops it counting and raises the score.
/// </summary>
public sealed class RepairTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    );
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];

    private static string Day(int monthsAgo, int days = 0) =>
        DateTime.UtcNow.AddMonths(-monthsAgo).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static StreamPart File(byte[] content, string name, string type) =>
        new(new MemoryStream(content), name, type);

    private static async Task<ProfileDto> ProfileWhenAsync(
        FinanceMatchClient client,
        Guid id,
        Func<ProfileDto, bool> condition,
        string failure
    )
    {
        ProfileDto? profile = null;
        await Eventually.HoldsAsync(
            async () => condition(profile = await client.Profiles.GetAsync(id)),
            TimeSpan.FromSeconds(30),
            () => $"{failure}: {profile?.Metrics}"
        );
        return profile!;
    }

    [Test]
    public async Task APenaltyCountsWhilePublicised_AndAnApprovedRepairStopsItCounting()
    {
        var firm = await Support.Marketplace.FirmPayingTaxAsync(40_000m);
        var uscc = firm.Created.Uscc;
        var regulator = await Actors.DepartmentAsync(FeedType.Penalty);
        var csv =
            "uscc,decisionNo,decidedOn,authority,severity,amount,revokedOn,publicityEndsOn\n"
            + $"{uscc},GEN-{uscc},{Day(2)},Foshan AMR,general,20000,,\n" // counts: a year of publicity
            + $"{uscc},OLD-{uscc},{Day(5)},Foshan AMR,minor,500,,\n" // expired: three months
            + $"{uscc},LATE-{uscc},{Day(5)},Foshan AMR,minor,800,,{Day(-2)}\n" // the department keeps it public longer
            + $"{uscc},EARLY-{uscc},{Day(2)},Foshan AMR,minor,900,,{Day(1)}\n"; // an earlier end is ignored
        await FinishedAsync(regulator.Client, (await PushAsync(regulator.Client, FeedType.Penalty, csv, Csv)).Id);
        var before = await ProfileWhenAsync(
            firm.Client,
            firm.Created.Id,
            p => p.Metrics.GeneralPenaltiesLast36Months == 1,
            "the penalties never reached the profile"
        );
        Assert.That(
            before.Metrics.MinorPenaltiesLast36Months,
            Is.EqualTo(2),
            "the expired minor one does not count; the one kept public and the one whose earlier end is ignored do"
        );

        var bank = await Actors.BankAsync();
        await firm.Client.Consents.GrantAsync(
            firm.Created.Id,
            new GrantConsentBody(
                bank.Created.Id,
                null,
                [ConsentScope.Penalty],
                ConsentPurpose.LoanAssessment,
                DateTimeOffset.UtcNow.AddDays(30)
            )
        );
        var penalties = (await bank.Client.Consents.GetReportAsync(firm.Created.Id)).Records.Penalty!;
        Assert.That(
            penalties.ToDictionary(p => p.DecisionNo[..p.DecisionNo.IndexOf('-')], p => p.Standing),
            Is.EqualTo(
                new Dictionary<string, string>
                {
                    ["GEN"] = "inForce",
                    ["OLD"] = "expired",
                    ["LATE"] = "inForce",
                    ["EARLY"] = "inForce",
                }
            )
        );
        Assert.That(
            penalties.Single(p => p.DecisionNo.StartsWith("LATE", StringComparison.Ordinal)).PublicityEndsOn,
            Is.EqualTo(DateOnly.Parse(Day(-2), CultureInfo.InvariantCulture))
        );

        // Bad requests change nothing.
        var id = firm.Created.Id;
        await Problems.ExpectFieldErrorAsync(
            "files[0]",
            () =>
                firm.Client.Repairs.FileAsync(
                    id,
                    $"GEN-{uscc}",
                    "Paid",
                    [File(Encoding.ASCII.GetBytes("not a pdf"), "receipt.pdf", "application/pdf")]
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "files[0]",
            () => firm.Client.Repairs.FileAsync(id, $"GEN-{uscc}", "Paid", [File(Png, "receipt.gif", "image/gif")])
        );
        await Problems.ExpectFieldErrorAsync(
            "files",
            () =>
                firm.Client.Repairs.FileAsync(
                    id,
                    $"GEN-{uscc}",
                    "Paid",
                    Enumerable.Range(0, 6).Select(i => File(Pdf, $"r{i}.pdf", "application/pdf"))
                )
        );
        await Problems.ExpectFieldErrorAsync(
            "statement",
            () => firm.Client.Repairs.FileAsync(id, $"GEN-{uscc}", " ", [File(Pdf, "r.pdf", "application/pdf")])
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => firm.Client.Repairs.FileAsync(id, $"OLD-{uscc}", "Paid", [File(Pdf, "r.pdf", "application/pdf")])
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => firm.Client.Repairs.FileAsync(id, "NO-SUCH", "Paid", [File(Pdf, "r.pdf", "application/pdf")])
        );
        // Raw bodies through the firm's own client, which signs them in.
        await Problems.ExpectRawAsync(
            HttpStatusCode.UnsupportedMediaType,
            await firm.Client.Http.PostAsync(
                new Uri($"/api/v1/enterprises/{id}/repair-requests", UriKind.Relative),
                new StringContent("""{"decisionNo":"x"}""", Encoding.UTF8, "application/json")
            )
        );
        var malformed = new StringContent("--x\r\nno headers, no end", Encoding.UTF8);
        malformed.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        await Problems.ExpectRawAsync(
            HttpStatusCode.BadRequest,
            await firm.Client.Http.PostAsync(
                new Uri($"/api/v1/enterprises/{id}/repair-requests", UriKind.Relative),
                malformed
            )
        );
        var stranger = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => stranger.Client.Repairs.FileAsync(id, $"GEN-{uscc}", "Paid", [File(Pdf, "r.pdf", "application/pdf")])
        );
        Assert.That((await firm.Client.Repairs.ListForEnterpriseAsync(id)).Items, Is.Empty);

        var filed = await firm.Client.Repairs.FileAsync(
            id,
            $"GEN-{uscc}",
            "The fine is paid and the labelling corrected; the inspection report is attached.",
            [File(Pdf, "inspection.pdf", "application/pdf"), File(Png, "receipt.png", "image/png")]
        );
        Assert.That(
            (filed.Status, filed.DepartmentId, filed.Attachments.Select(a => (a.Position, a.FileName, a.Size))),
            Is.EqualTo(
                (
                    RepairStatus.Pending,
                    regulator.Created.Id,
                    new[] { (1, "inspection.pdf", Pdf.Length), (2, "receipt.png", Png.Length) }
                )
            )
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => firm.Client.Repairs.FileAsync(id, $"GEN-{uscc}", "Again", [])
        );

        // Only the firm, the penalty's department and operators see it; only the department decides.
        var otherDepartment = await Actors.DepartmentAsync(FeedType.Penalty);
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => stranger.Client.Repairs.GetAsync(filed.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => otherDepartment.Client.Repairs.GetAsync(filed.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => otherDepartment.Client.Repairs.ApproveAsync(filed.Id, new RepairDecisionBody("Not mine"))
        );
        Assert.That((await otherDepartment.Client.Repairs.ListAsync(pageSize: 500)).Items, Is.Empty);
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Repairs.GetAsync(filed.Id));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => firm.Client.Repairs.ApproveAsync(filed.Id, new RepairDecisionBody("I approve myself"))
        );
        var queue = await regulator.Client.Repairs.ListAsync(status: "pending", pageSize: 500);
        Assert.That(
            queue.Items.Select(r => (r.Id, r.EnterpriseId, r.Uscc)),
            Is.EqualTo(new[] { (filed.Id, Guid.Empty, uscc) }),
            "the department sees the USCC, not the platform's enterprise id"
        );
        using (var download = await regulator.Client.Repairs.GetAttachmentAsync(filed.Id, 1))
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(Pdf));
        }

        await Problems.ExpectFieldErrorAsync(
            "note",
            () => regulator.Client.Repairs.ApproveAsync(filed.Id, new RepairDecisionBody(""))
        );
        var approved = await regulator.Client.Repairs.ApproveAsync(
            filed.Id,
            new RepairDecisionBody("Corrected on inspection.")
        );
        Assert.That(
            (approved.Status, approved.RepairedOn),
            Is.EqualTo((RepairStatus.Approved, (DateOnly?)DateOnly.FromDateTime(DateTime.UtcNow)))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.Conflict,
            () => regulator.Client.Repairs.RejectAsync(filed.Id, new RepairDecisionBody("Changed my mind"))
        );
        var after = await ProfileWhenAsync(
            firm.Client,
            id,
            p => p.Metrics.GeneralPenaltiesLast36Months == 0,
            "the repaired penalty still counts"
        );
        Assert.That(after.Score, Is.GreaterThan(before.Score!.Value), "the next rebuild raises the score");
        var repaired = (await bank.Client.Consents.GetReportAsync(id)).Records.Penalty!.Single(p =>
            p.DecisionNo == $"GEN-{uscc}"
        );
        Assert.That(
            (repaired.Standing, repaired.RepairedOn, repaired.Repair),
            Is.EqualTo(("repaired", approved.RepairedOn, (RepairStatus?)RepairStatus.Approved)),
            "banks see the repair in the report"
        );

        // A refusal leaves the penalty counting.
        var refused = await regulator.Client.Repairs.RejectAsync(
            (await firm.Client.Repairs.FileAsync(id, $"LATE-{uscc}", "It was a mistake", [])).Id,
            new RepairDecisionBody("The labelling is still wrong.")
        );
        Assert.That(
            (refused.Status, refused.DecisionNote),
            Is.EqualTo((RepairStatus.Rejected, "The labelling is still wrong."))
        );
        Assert.That(
            (await firm.Client.Repairs.ListForEnterpriseAsync(id)).Items.Select(r => r.Status),
            Is.EqualTo(new[] { RepairStatus.Rejected, RepairStatus.Approved })
        );
    }
}
