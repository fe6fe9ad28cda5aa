using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using Refit;

/// <summary>
/// The full credit file's life cycle in the demo world (issue 19): the market regulator's registrations and listings, a
/// credit repair approved by the department that supplied the penalty, and an objection routed to the tax service and
/// closed by its corrected record.
/// </summary>
internal static class CreditFile
{
    private static readonly string[] Trades =
    [
        "五金制品",
        "精密模具",
        "家具",
        "陶瓷",
        "电子科技",
        "纺织",
        "食品",
        "物流",
    ];

    /// <summary>The regulator's registration of every firm (its Chinese name, not the English one the firm typed), some abnormal or listed.</summary>
    public static string RegistrationCsv(
        IReadOnlyList<(string Uscc, double Revenue, int Staff, double Trend, bool Troubled)> firms,
        DateOnly thisMonth
    )
    {
        var csv = new StringBuilder(
            "uscc,record,entryId,name,legalRepresentative,establishedOn,registeredCapital,status,listedOn,reason,removedOn\n"
        );
        for (var i = 0; i < firms.Count; i++)
        {
            var firm = firms[i];
            var status = firm.Troubled && i % 3 == 0 ? "abnormal" : "active";
            csv.Append(
                CultureInfo.InvariantCulture,
                $"{firm.Uscc},registration,,佛山市{Trades[i % Trades.Length]}有限公司（{i:D4}）,法定代表人{i % 97},{2004 + i % 20}-{1 + i % 12:D2}-15,{Math.Max(1, firm.Staff / 4) * 100_000},{status},,,\n"
            );
            if (firm.Troubled && i % 2 == 0)
                csv.Append(
                    CultureInfo.InvariantCulture,
                    $"{firm.Uscc},abnormalOperation,YC-{thisMonth.Year}-{i:D5},,,,,,{thisMonth.AddMonths(-4):yyyy-MM-dd},未按规定期限公示年度报告,\n"
                );
        }
        return csv.ToString();
    }

    /// <summary>A borrower's penalty repaired, and another's tax month disputed, routed and corrected.</summary>
    public static async Task RepairAndObjectionAsync(
        FinanceMatchClient market,
        FinanceMatchClient tax,
        IReadOnlyList<(Guid Id, FinanceMatchClient Client)> borrowers,
        DateOnly thisMonth
    )
    {
        // Credit repair: a general penalty two months old counts for a year; the firm puts it right and asks.
        var (repairId, repairing) = borrowers[5];
        var repairUscc = (await repairing.Enterprises.GetAsync(repairId)).Uscc;
        var decisionNo = $"FS-SCJ-{thisMonth.Year}-R{repairUscc[^4..]}";
        await WaitAsync(
            market,
            await market.Feeds.PushAsync(
                FeedType.Penalty,
                Content(
                    "uscc,decisionNo,decidedOn,authority,severity,amount\n"
                        + $"{repairUscc},{decisionNo},{thisMonth.AddMonths(-2):yyyy-MM-dd},Foshan Market Supervision Administration,general,20000\n",
                    "text/csv"
                )
            )
        );
        var evidence = Encoding.ASCII.GetBytes(
            "%PDF-1.4\n% Inspection report: labelling corrected, fine paid in full.\n%%EOF\n"
        );
        var request = await repairing.Repairs.FileAsync(
            repairId,
            decisionNo,
            "The fine is paid and every label corrected; the re-inspection report is attached.",
            [new StreamPart(new MemoryStream(evidence), "re-inspection.pdf", "application/pdf")]
        );
        var approved = await market.Repairs.ApproveAsync(
            request.Id,
            new RepairDecisionBody("Re-inspection passed; the penalty no longer counts.")
        );
        Console.WriteLine($"Credit repair of {decisionNo}: {approved.Status} on {approved.RepairedOn:yyyy-MM-dd}");

        // A disputed tax month goes to the tax service, which answers corrected and pushes the corrected record.
        var (disputeId, disputing) = borrowers[6];
        var disputeUscc = (await disputing.Enterprises.GetAsync(disputeId)).Uscc;
        var month = thisMonth.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var objection = await disputing.Objections.FileAsync(
            disputeId,
            new FileObjectionBody(FeedType.Tax, month, "Paid in full on time; the bank receipt shows it.")
        );
        await tax.Objections.ResolveAsync(
            objection.Id,
            new ResolveObjectionBody(ObjectionOutcome.Corrected, "A payment was booked to the wrong month; re-sent.")
        );
        await WaitAsync(
            tax,
            await tax.Feeds.PushAsync(
                FeedType.Tax,
                Content(
                    $"uscc,period,taxPaid,taxableRevenue,arrears\n{disputeUscc},{month},48000,960000,0\n",
                    "text/csv"
                )
            )
        );
        var closed = await disputing.Objections.GetAsync(objection.Id);
        Console.WriteLine($"Objection to tax {month}: {closed.Status} by {closed.ClosedBy}");
    }

    private static async Task WaitAsync(FinanceMatchClient client, BatchDto queued)
    {
        BatchDto batch;
        do
        {
            await Task.Delay(250);
            batch = await client.Feeds.GetBatchAsync(queued.Id);
        } while (batch.Status is BatchStatus.Queued or BatchStatus.Processing);
    }

    private static StringContent Content(string text, string type) =>
        new(text, new UTF8Encoding(false), new MediaTypeHeaderValue(type));
}
