using System.Globalization;
using System.Net;
using System.Text;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Feeds;

public sealed class PushBatchTests
{
    [Test]
    public async Task TaxCsv_WithBomAndColumnsInAnyOrder_IsAppliedWhole()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var (a, b) = (Usccs.Next(), Usccs.Next());
        var csv =
            "\uFEFFperiod,taxableRevenue,uscc,taxPaid,taxCreditRating\n"
            + $"{Month(2)},1200000.50,{a},36000.10,A\n"
            + $"{Month(1)},1300000,{a},39000,\n"
            + $"{Month(1)},800000,{b},24000.00,B\n";

        var queued = await PushAsync(department.Client, FeedType.Tax, csv, Csv);

        Assert.That(queued.Status, Is.EqualTo(BatchStatus.Queued));
        Assert.That(queued.Format, Is.EqualTo(BatchFormat.Csv));
        Assert.That(queued.PayloadBytes, Is.EqualTo(Encoding.UTF8.GetByteCount(csv)));
        var batch = await FinishedAsync(department.Client, queued.Id);
        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Completed), batch.FailureReason);
        Assert.That((batch.TotalRows, batch.AcceptedRows, batch.RejectedRows), Is.EqualTo((3, 3, 0)));
        Assert.That(batch.Progress, Is.EqualTo(1d));
        Assert.That(batch.StartedAt, Is.Not.Null);
        Assert.That(batch.CompletedAt, Is.GreaterThanOrEqualTo(batch.StartedAt));
        Assert.That(
            await Sql.ScalarAsync<decimal>("SELECT sum(tax_paid) FROM financematch.tax_records WHERE uscc = $1", a),
            Is.EqualTo(75000.10m)
        );
        Assert.That(
            await Sql.ScalarAsync<string>(
                "SELECT tax_credit_rating FROM financematch.tax_records WHERE uscc = $1 AND period = $2",
                b,
                DateOnly.ParseExact(Month(1) + "-01", "yyyy-MM-dd")
            ),
            Is.EqualTo("B")
        );
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE batch_id = $1", batch.Id),
            Is.EqualTo(3)
        );
    }

    [Test]
    public async Task SocialSecurityJsonArray_IsApplied_AndTouchedFirmsAreHandedToProfileRebuild()
    {
        var department = await Actors.DepartmentAsync(FeedType.SocialSecurity);
        var uscc = Usccs.Next();
        await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));
        var json = $$"""
            [ { "uscc": "{{uscc}}", "period": "{{Month(
                1
            )}}", "insuredEmployees": 42, "contributionPaid": 52000.5, "ignoredField": true },
              { "uscc": "{{uscc}}", "period": "{{Month(
                2
            )}}", "insuredEmployees": "40", "contributionPaid": "50000", "arrears": 120.00 } ]
            """;

        var batch = await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.SocialSecurity, json, Json)).Id
        );

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Completed), batch.FailureReason);
        Assert.That(batch.AcceptedRows, Is.EqualTo(2));
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT sum(insured_employees) FROM financematch.social_security_records WHERE uscc = $1",
                uscc
            ),
            Is.EqualTo(82)
        );
        Assert.That(
            await Sql.ScalarAsync<decimal>(
                "SELECT sum(arrears) FROM financematch.social_security_records WHERE uscc = $1",
                uscc
            ),
            Is.EqualTo(120m)
        );
        // Handed to the rebuild, which runs a second later (the test run's delay) and may already have run: the firm's
        // profile ends up with both months.
        await Eventually.HoldsAsync(
            async () =>
                await Sql.ScalarAsync<int>(
                    "SELECT social_security_months FROM financematch.credit_profiles WHERE uscc = $1",
                    uscc
                ) == 2,
            TimeSpan.FromSeconds(30),
            "the firm's profile was not rebuilt from the batch"
        );
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.profile_rebuild_requests WHERE uscc = $1",
                uscc
            ),
            Is.Zero,
            "drained"
        );
    }

    [Test]
    public async Task UtilityPenaltyAndJudicialNdjson_AreApplied()
    {
        var department = await Actors.DepartmentAsync(FeedType.Utility, FeedType.Penalty, FeedType.Judicial);
        var uscc = Usccs.Next();
        var utility =
            $"{{\"uscc\":\"{uscc}\",\"period\":\"{Month(1)}\",\"kind\":\"electricity\",\"consumption\":12500.125,\"amountBilled\":9800}}\n\n"
            + $"{{\"uscc\":\"{uscc}\",\"period\":\"{Month(1)}\",\"kind\":\"water\",\"consumption\":300,\"amountBilled\":900,\"amountOverdue\":50}}\n";
        var penalty =
            $"{{\"uscc\":\"{uscc}\",\"decisionNo\":\"FS-ENV-2026-001\",\"decidedOn\":\"2026-01-15\",\"authority\":\"Foshan Ecology Bureau\",\"severity\":\"serious\",\"amount\":200000}}";
        var judicial =
            $"{{\"uscc\":\"{uscc}\",\"caseNo\":\"(2026)Yue0604Zhi123\",\"filedOn\":\"2026-02-01\",\"kind\":\"dishonestDebtor\",\"amount\":560000,\"closedOn\":null}}";

        var batches = new[]
        {
            await PushAsync(department.Client, FeedType.Utility, utility, Ndjson),
            await PushAsync(department.Client, FeedType.Penalty, penalty, Ndjson),
            await PushAsync(department.Client, FeedType.Judicial, judicial, Ndjson),
        };

        foreach (var queued in batches)
        {
            var batch = await FinishedAsync(department.Client, queued.Id);
            Assert.That(batch.Status, Is.EqualTo(BatchStatus.Completed), $"{batch.FeedType}: {batch.FailureReason}");
        }
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.utility_records WHERE uscc = $1", uscc),
            Is.EqualTo(2)
        );
        Assert.That(
            await Sql.ScalarAsync<decimal>(
                "SELECT consumption FROM financematch.utility_records WHERE uscc = $1 AND kind = 'electricity'",
                uscc
            ),
            Is.EqualTo(12500.125m)
        );
        Assert.That(
            await Sql.ScalarAsync<string>("SELECT severity FROM financematch.penalty_records WHERE uscc = $1", uscc),
            Is.EqualTo("serious")
        );
        Assert.That(
            await Sql.ScalarAsync<string>("SELECT kind FROM financematch.judicial_records WHERE uscc = $1", uscc),
            Is.EqualTo("dishonestDebtor")
        );
    }

    [Test]
    public async Task InvalidRows_AreRejectedWithRowFieldAndReason_ValidRowsApplied()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var good = Usccs.Next();
        var badCheck = good[..17] + (good[17] == '0' ? '1' : '0');
        var future = DateTime
            .UtcNow.AddMonths(2)
            .ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var csv =
            "uscc,period,taxPaid,taxableRevenue,arrears\n"
            + $"{good},{Month(1)},100,1000,0\n" // 1 ok
            + $"{badCheck},{Month(1)},100,1000,0\n" // 2 uscc
            + $"{good},{future},100,1000,0\n" // 3 period in the future
            + $"{good},{Month(2)},-5,abc,0.001\n" // 4 three fields
            + $"{good},{Month(3)},,1000,\n"; // 5 taxPaid missing

        var batch = await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.Tax, csv, Csv)).Id
        );

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.CompletedWithErrors));
        Assert.That((batch.TotalRows, batch.AcceptedRows, batch.RejectedRows), Is.EqualTo((5, 1, 4)));
        var errors = (await department.Client.Feeds.GetBatchErrorsAsync(batch.Id)).Items;
        Assert.That(
            errors.Select(e => (e.RowNumber, e.Field)),
            Is.EqualTo(
                new[]
                {
                    (2, "uscc"),
                    (3, "period"),
                    (4, "taxPaid"),
                    (4, "taxableRevenue"),
                    (4, "arrears"),
                    (5, "taxPaid"),
                }
            )
        );
        Assert.That(errors[1].Message, Does.Contain("future"));
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE uscc = $1", good),
            Is.EqualTo(1)
        );
        var paged = await department.Client.Feeds.GetBatchErrorsAsync(batch.Id, page: 2, pageSize: 4);
        Assert.That(paged.Items.Select(e => e.RowNumber), Is.EqualTo(new[] { 4, 5 }));
        Assert.That(paged.TotalCount, Is.EqualTo(6));
    }

    [Test]
    public async Task DuplicateKeysInOneBatch_LastRowWins_AndAResentKeyReplacesTheRecord()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        var first = await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(1)},100,1000\n{uscc},{Month(1)},200,2000\n",
                    Csv
                )
            ).Id
        );
        Assert.That(first.AcceptedRows, Is.EqualTo(2));
        Assert.That(
            await Sql.ScalarAsync<decimal>("SELECT tax_paid FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.EqualTo(200m)
        );

        var second = await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(1)},300,3000\n",
                    Csv
                )
            ).Id
        );

        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.EqualTo(1)
        );
        Assert.That(
            await Sql.ScalarAsync<decimal>("SELECT tax_paid FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.EqualTo(300m)
        );
        Assert.That(
            await Sql.ScalarAsync<Guid>("SELECT batch_id FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.EqualTo(second.Id)
        );
    }

    [Test]
    public async Task PenaltyKeys_AreScopedToTheDepartment()
    {
        var first = await Actors.DepartmentAsync(FeedType.Penalty);
        var second = await Actors.DepartmentAsync(FeedType.Penalty);
        var uscc = Usccs.Next();
        var record =
            $"{{\"uscc\":\"{uscc}\",\"decisionNo\":\"SAME-NO-1\",\"decidedOn\":\"2025-06-01\",\"authority\":\"A\",\"severity\":\"minor\",\"amount\":10}}";

        await FinishedAsync(first.Client, (await PushAsync(first.Client, FeedType.Penalty, record, Ndjson)).Id);
        await FinishedAsync(second.Client, (await PushAsync(second.Client, FeedType.Penalty, record, Ndjson)).Id);

        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.penalty_records WHERE uscc = $1", uscc),
            Is.EqualTo(2)
        );
    }

    [TestCase(Csv, "uscc,period,taxPaid\n91350100M000100Y43,2025-01,1\n", "taxableRevenue")]
    [TestCase(Json, "{\"uscc\": \"91350100M000100Y43\"}", "JSON array")]
    [TestCase(Json, "[{\"uscc\": \"91350100M000100Y43\"}, {\"uscc\": ", "malformed")]
    [TestCase(Csv, "", "empty")]
    public async Task UnreadableBatch_Fails_WithNothingApplied(string contentType, string body, string reason)
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        if (body.Length == 0)
        {
            await Problems.ExpectFieldErrorAsync(
                "body",
                () => PushAsync(department.Client, FeedType.Tax, body, contentType)
            );
            return;
        }

        var batch = await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.Tax, body, contentType)).Id
        );

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Failed));
        Assert.That(batch.FailureReason, Does.Contain(reason));
        Assert.That(batch.AcceptedRows, Is.Zero);
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE batch_id = $1", batch.Id),
            Is.Zero
        );
    }

    [Test]
    public async Task JsonArrayBrokenAfterValidRecords_AppliesNothing()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        var body =
            $"[{{\"uscc\":\"{uscc}\",\"period\":\"{Month(1)}\",\"taxPaid\":1,\"taxableRevenue\":2}}, {{\"uscc\": tru";

        var batch = await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.Tax, body, Json)).Id
        );

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Failed));
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.Zero
        );
    }

    [Test]
    public async Task CsvThatIsNotUtf8_Fails()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var bytes = Encoding
            .UTF8.GetBytes($"uscc,period,taxPaid,taxableRevenue\n{Usccs.Next()},{Month(1)},1,2\n")
            .Concat(new byte[] { 0xC3, 0x28, 0x0A })
            .ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Csv);

        var batch = await FinishedAsync(
            department.Client,
            (await department.Client.Feeds.PushAsync(FeedType.Tax, content)).Id
        );

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Failed));
        Assert.That(batch.FailureReason, Does.Contain("UTF-8"));
    }

    [TestCase("application/xml")]
    [TestCase("text/plain")]
    [TestCase("text/csv; charset=iso-8859-1")]
    public async Task UnknownContentType_Is415(string contentType)
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var content = new StringContent("x");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        await Problems.ExpectAsync(
            HttpStatusCode.UnsupportedMediaType,
            () => department.Client.Feeds.PushAsync(FeedType.Tax, content)
        );
    }

    [Test]
    public async Task BodyOverTheByteLimit_Is413_AndNothingIsKept()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var line = $"{Usccs.Next()},{Month(1)},1,2\n";
        var text = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        while (text.Length <= FinanceMatchApp.MaxBatchBytes)
            text.Append(line);

        // Sent as a careful client sends a large upload, asking first: the 413 then arrives before any of the body is sent.
        // (Without it the answer races the upload, and the client may see the connection close while still writing.)
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            new Uri("/api/v1/feeds/tax/batches", UriKind.Relative)
        )
        {
            Content = new StringContent(text.ToString(), Encoding.UTF8, Csv),
        };
        request.Headers.ExpectContinue = true;
        await Problems.ExpectRawAsync(
            HttpStatusCode.RequestEntityTooLarge,
            await department.Client.Http.SendAsync(request)
        );

        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.feed_batches WHERE department_id = $1",
                department.Created.Id
            ),
            Is.Zero
        );
    }

    [Test]
    public async Task RowsOverTheLimit_Is413()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var text = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var i = 0; i <= FinanceMatchApp.MaxBatchRows; i++)
            text.Append("x,y,1,2\n");

        await Problems.ExpectAsync(
            HttpStatusCode.RequestEntityTooLarge,
            () => PushAsync(department.Client, FeedType.Tax, text.ToString(), Csv)
        );
    }

    [Test]
    public async Task FeedTypeNotGrantedToTheDepartment_Is403()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => PushAsync(department.Client, FeedType.Judicial, "[]", Json)
        );
    }

    [Test]
    public async Task NonDepartments_Are403_Anonymous401()
    {
        var bank = await Actors.BankAsync();
        var @operator = await TestRun.OperatorAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => PushAsync(bank.Client, FeedType.Tax, "[]", Json));
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => PushAsync(@operator, FeedType.Tax, "[]", Json));
        await Problems.ExpectAsync(
            HttpStatusCode.Unauthorized,
            () => PushAsync(TestRun.Anonymous(), FeedType.Tax, "[]", Json)
        );
    }

    [Test]
    public async Task UnknownFeedType_Is400()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        using var response = await department.Client.Http.PostAsync(
            new Uri("/api/v1/feeds/weather/batches", UriKind.Relative),
            Body("[]", Json)
        );
        await Problems.ExpectRawAsync(HttpStatusCode.BadRequest, response);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"feedType\""));
    }

    [Test]
    public async Task ResendWithSameIdempotencyKey_CreatesNothing_DifferentBodyIs422()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var csv = $"uscc,period,taxPaid,taxableRevenue\n{Usccs.Next()},{Month(1)},1,2\n";
        var key = Guid.NewGuid().ToString();

        var first = await PushAsync(department.Client, FeedType.Tax, csv, Csv, key);
        var again = await PushAsync(department.Client, FeedType.Tax, csv, Csv, key);

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.feed_batches WHERE department_id = $1",
                department.Created.Id
            ),
            Is.EqualTo(1)
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => PushAsync(department.Client, FeedType.Tax, csv + $"{Usccs.Next()},{Month(1)},1,2\n", Csv, key)
        );
        await FinishedAsync(department.Client, first.Id);
    }

    [Test]
    public async Task AnotherDepartmentsBatch_Is404_OperatorsSeeIt()
    {
        var owner = await Actors.DepartmentAsync(FeedType.Tax);
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var bank = await Actors.BankAsync();
        var batch = await PushAsync(
            owner.Client,
            FeedType.Tax,
            $"uscc,period,taxPaid,taxableRevenue\n{Usccs.Next()},{Month(1)},1,2\n",
            Csv
        );

        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Feeds.GetBatchAsync(batch.Id));
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => other.Client.Feeds.GetBatchErrorsAsync(batch.Id));
        // Banks push batches too (their loans' performance), so a department's batch is simply not theirs: 404.
        await Problems.ExpectAsync(HttpStatusCode.NotFound, () => bank.Client.Feeds.GetBatchAsync(batch.Id));
        var firm = await Actors.EnterpriseAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => firm.Client.Feeds.GetBatchAsync(batch.Id));
        Assert.That(
            (await (await TestRun.OperatorAsync()).Feeds.GetBatchAsync(batch.Id)).DepartmentId,
            Is.EqualTo(owner.Created.Id)
        );
        Assert.That((await other.Client.Feeds.ListBatchesAsync()).Items.Select(b => b.Id), Does.Not.Contain(batch.Id));
    }

    [Test]
    public async Task ListBatches_FiltersByFeedTypeAndStatus_UnknownValuesAre400()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax, FeedType.Utility);
        var tax = await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{Usccs.Next()},{Month(1)},1,2\n",
                    Csv
                )
            ).Id
        );
        var failed = await FinishedAsync(
            department.Client,
            (await PushAsync(department.Client, FeedType.Utility, "{}", Json)).Id
        );

        Assert.That(
            (await department.Client.Feeds.ListBatchesAsync(feedType: "tax")).Items.Select(b => b.Id),
            Is.EqualTo(new[] { tax.Id })
        );
        Assert.That(
            (await department.Client.Feeds.ListBatchesAsync(status: "failed")).Items.Select(b => b.Id),
            Is.EqualTo(new[] { failed.Id })
        );
        Assert.That(
            (await department.Client.Feeds.ListBatchesAsync()).Items.Select(b => b.Id),
            Is.EqualTo(new[] { failed.Id, tax.Id })
        );
        await Problems.ExpectFieldErrorAsync("status", () => department.Client.Feeds.ListBatchesAsync(status: "bogus"));
        await Problems.ExpectFieldErrorAsync("feedType", () => department.Client.Feeds.ListBatchesAsync(feedType: "3"));
    }
}

public sealed class BatchLifecycleTests
{
    [Test]
    public async Task Progress_AdvancesWhileABatchIsProcessed()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var firm = 0; firm < 2_000; firm++)
        {
            var uscc = Usccs.Next();
            for (var m = 1; m <= 20; m++)
                csv.Append(CultureInfo.InvariantCulture, $"{uscc},{Month(m)},100,1000\n");
        }
        var queued = await PushAsync(department.Client, FeedType.Tax, csv.ToString(), Csv);

        var seen = new List<double>();
        BatchDto batch;
        do
        {
            batch = await department.Client.Feeds.GetBatchAsync(queued.Id);
            if (batch.Status == BatchStatus.Processing)
                seen.Add(batch.Progress);
            await Task.Delay(10);
        } while (batch.Status is BatchStatus.Queued or BatchStatus.Processing);

        Assert.That(batch.Status, Is.EqualTo(BatchStatus.Completed));
        Assert.That(batch.Progress, Is.EqualTo(1d));
        Assert.That(
            seen.Where(p => p is > 0 and < 1).Distinct().Count(),
            Is.GreaterThanOrEqualTo(2),
            $"progress seen while processing: {string.Join(", ", seen.Distinct())}"
        );
        Assert.That(seen, Is.Ordered, "progress never goes back");
    }

    [Test]
    public async Task RecordsForAFirmNotYetRegistered_AreKept_AndBelongToItOnceItRegisters()
    {
        var department = await Actors.DepartmentAsync(FeedType.Tax);
        var uscc = Usccs.Next();
        await FinishedAsync(
            department.Client,
            (
                await PushAsync(
                    department.Client,
                    FeedType.Tax,
                    $"uscc,period,taxPaid,taxableRevenue\n{uscc},{Month(1)},100,1000\n{uscc},{Month(2)},90,900\n",
                    Csv
                )
            ).Id
        );
        Assert.That(
            await Sql.ScalarAsync<long>("SELECT count(*) FROM financematch.tax_records WHERE uscc = $1", uscc),
            Is.EqualTo(2)
        );

        var firm = await Actors.EnterpriseAsync(Actors.EnterpriseRequest(uscc));

        Assert.That(
            await Sql.ScalarAsync<long>(
                "SELECT count(*) FROM financematch.tax_records t JOIN financematch.enterprises e ON e.uscc = t.uscc WHERE e.id = $1",
                firm.Created.Id
            ),
            Is.EqualTo(2)
        );
    }
}
