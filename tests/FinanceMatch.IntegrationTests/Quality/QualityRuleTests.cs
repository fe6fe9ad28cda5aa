using System.Net;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Batches;

namespace FinanceMatch.IntegrationTests.Quality;

/// <summary>
/// Every data-quality rule, run by the check that follows a batch: for each, one firm's record planted to fail it and a
/// twin record planted to pass, so each case fails without its rule (and with a rule that fires too widely).
/// </summary>
public sealed class QualityRuleTests
{
    private sealed record Plant(string Uscc, string FailingKey, string PassingUscc, string PassingKey);

    private static readonly Dictionary<string, Plant> Planted = [];
    private static Actors.Party<CreatedDepartment> department = null!;
    private static FinanceMatchClient @operator = null!;

    private static readonly FeedType[] Feeds =
    [
        FeedType.Tax,
        FeedType.SocialSecurity,
        FeedType.Utility,
        FeedType.Penalty,
        FeedType.Judicial,
        FeedType.HousingFund,
        FeedType.IntellectualProperty,
        FeedType.RealEstate,
        FeedType.Honour,
        FeedType.Registration,
    ];

    public static IEnumerable<string> RuleCodes =>
        [
            "tax.revenueWithoutTax",
            "tax.taxAboveRevenue",
            "tax.beforeEstablishment",
            "tax.revenueWithoutElectricity",
            "tax.activeAfterDeregistration",
            "socialSecurity.contributionWithoutEmployees",
            "socialSecurity.employeesWithoutContribution",
            "socialSecurity.contributionPerEmployee",
            "socialSecurity.beforeEstablishment",
            "housingFund.contributorsAboveInsured",
            "housingFund.paidWithoutContributors",
            "housingFund.amountPerContributor",
            "utility.overdueAboveTwoYearsOfBills",
            "utility.billWithoutConsumption",
            "penalty.beforeEstablishment",
            "penalty.publicityEndsBeforeDecision",
            "judicial.beforeEstablishment",
            "judicial.openEnforcementOfZero",
            "intellectualProperty.validPastItsTerm",
            "realEstate.mortgageOfZero",
            "realEstate.seizureOfDeregisteredFirm",
            "honour.aLevelWithPoorRating",
            "honour.validForOverFiveYears",
            "registration.zeroCapital",
            "registration.listingWithoutRegistration",
            "registration.activeButListed",
        ];

    [OneTimeSetUp]
    public async Task PlantOneFailingAndOnePassingRecordPerRule()
    {
        department = await Actors.DepartmentAsync(Feeds);
        @operator = await TestRun.OperatorAsync();
        var rows = Feeds.ToDictionary(f => f, _ => new List<string>());
        string Firm() => Usccs.Next();
        var (m1, m2, m3, m6) = (Month(1), Month(2), Month(3), Month(6));
        var establishedM2 = $"{m2}-01";
        void Registration(
            string uscc,
            string established = "2010-01-01",
            string status = "active",
            string capital = "1000000"
        ) =>
            rows[FeedType.Registration]
                .Add($"{uscc},registration,,Firm {uscc},Rep,{established},{capital},{status},,,");
        void Add(FeedType feed, string row) => rows[feed].Add(row);
        void Plant(string rule, string uscc, string failing, string passingUscc, string passing) =>
            Planted[rule] = new(uscc, failing, passingUscc, passing);

        var u = Firm();
        Add(FeedType.Tax, $"{u},{m1},0,1500000,0,");
        Add(FeedType.Tax, $"{u},{m2},30000,1500000,0,");
        Plant("tax.revenueWithoutTax", u, m1, u, m2);

        u = Firm();
        Add(FeedType.Tax, $"{u},{m1},90000,100000,0,");
        Add(FeedType.Tax, $"{u},{m2},10000,100000,0,");
        Plant("tax.taxAboveRevenue", u, m1, u, m2);

        u = Firm();
        Registration(u, establishedM2);
        Add(FeedType.Tax, $"{u},{m3},1000,20000,0,");
        Add(FeedType.Tax, $"{u},{m1},1000,20000,0,");
        Plant("tax.beforeEstablishment", u, m3, u, m1);

        u = Firm();
        Add(FeedType.Tax, $"{u},{m1},50000,800000,0,");
        Add(FeedType.Tax, $"{u},{m2},50000,800000,0,");
        Add(FeedType.Utility, $"{u},{m1},electricity,0,100,0");
        Add(FeedType.Utility, $"{u},{m2},electricity,5000,4000,0");
        Plant("tax.revenueWithoutElectricity", u, m1, u, m2);

        u = Firm();
        Registration(u, status: "deregistered");
        Add(FeedType.Tax, $"{u},{m1},10,100,0,");
        Add(FeedType.Tax, $"{u},{m6},10,100,0,");
        Plant("tax.activeAfterDeregistration", u, m1, u, m6);

        u = Firm();
        Add(FeedType.SocialSecurity, $"{u},{m1},0,5000,0");
        Add(FeedType.SocialSecurity, $"{u},{m2},10,5000,0");
        Plant("socialSecurity.contributionWithoutEmployees", u, m1, u, m2);

        u = Firm();
        Add(FeedType.SocialSecurity, $"{u},{m1},10,0,0");
        Add(FeedType.SocialSecurity, $"{u},{m2},10,0,3000");
        Plant("socialSecurity.employeesWithoutContribution", u, m1, u, m2);

        u = Firm();
        Add(FeedType.SocialSecurity, $"{u},{m1},2,60000,0");
        Add(FeedType.SocialSecurity, $"{u},{m2},2,3000,0");
        Plant("socialSecurity.contributionPerEmployee", u, m1, u, m2);

        u = Firm();
        Registration(u, establishedM2);
        Add(FeedType.SocialSecurity, $"{u},{m3},3,3000,0");
        Add(FeedType.SocialSecurity, $"{u},{m1},3,3000,0");
        Plant("socialSecurity.beforeEstablishment", u, m3, u, m1);

        u = Firm();
        Add(FeedType.SocialSecurity, $"{u},{m1},10,10000,0");
        Add(FeedType.SocialSecurity, $"{u},{m2},10,10000,0");
        Add(FeedType.HousingFund, $"{u},{m1},15,9000,0");
        Add(FeedType.HousingFund, $"{u},{m2},5,3000,0");
        Plant("housingFund.contributorsAboveInsured", u, m1, u, m2);

        u = Firm();
        Add(FeedType.HousingFund, $"{u},{m1},0,3000,0");
        Add(FeedType.HousingFund, $"{u},{m2},3,3000,0");
        Plant("housingFund.paidWithoutContributors", u, m1, u, m2);

        u = Firm();
        Add(FeedType.HousingFund, $"{u},{m1},1,50000,0");
        Add(FeedType.HousingFund, $"{u},{m2},2,3000,0");
        Plant("housingFund.amountPerContributor", u, m1, u, m2);

        u = Firm();
        Add(FeedType.Utility, $"{u},{m1},water,100,100,5000");
        Add(FeedType.Utility, $"{u},{m2},water,100,100,100");
        Plant("utility.overdueAboveTwoYearsOfBills", u, $"{m1}/water", u, $"{m2}/water");

        u = Firm();
        Add(FeedType.Utility, $"{u},{m1},gas,0,20000,0");
        Add(FeedType.Utility, $"{u},{m2},gas,10,20000,0");
        Plant("utility.billWithoutConsumption", u, $"{m1}/gas", u, $"{m2}/gas");

        u = Firm();
        Registration(u, "2020-01-01");
        Add(FeedType.Penalty, $"{u},EARLY-{u},2019-06-01,Foshan AMR,minor,100,,");
        Add(FeedType.Penalty, $"{u},LATER-{u},2021-06-01,Foshan AMR,minor,100,,");
        Plant("penalty.beforeEstablishment", u, $"EARLY-{u}", u, $"LATER-{u}");

        u = Firm();
        Add(FeedType.Penalty, $"{u},BACK-{u},2025-06-01,Foshan AMR,general,100,,2025-01-01");
        Add(FeedType.Penalty, $"{u},AHEAD-{u},2025-06-01,Foshan AMR,general,100,,2026-12-31");
        Plant("penalty.publicityEndsBeforeDecision", u, $"BACK-{u}", u, $"AHEAD-{u}");

        u = Firm();
        Registration(u, "2020-01-01");
        Add(FeedType.Judicial, $"{u},EARLY-{u},2019-06-01,enforcement,100,");
        Add(FeedType.Judicial, $"{u},LATER-{u},2021-06-01,enforcement,100,");
        Plant("judicial.beforeEstablishment", u, $"EARLY-{u}", u, $"LATER-{u}");

        u = Firm();
        Add(FeedType.Judicial, $"{u},ZERO-{u},2025-06-01,enforcement,0,");
        Add(FeedType.Judicial, $"{u},SOME-{u},2025-06-01,enforcement,100,");
        Plant("judicial.openEnforcementOfZero", u, $"ZERO-{u}", u, $"SOME-{u}");

        u = Firm();
        Add(FeedType.IntellectualProperty, $"{u},ZL-OLD-{u},invention,2000-01-01,valid");
        Add(FeedType.IntellectualProperty, $"{u},ZL-NEW-{u},invention,2015-01-01,valid");
        Plant("intellectualProperty.validPastItsTerm", u, $"ZL-OLD-{u}", u, $"ZL-NEW-{u}");

        u = Firm();
        Add(FeedType.RealEstate, $"{u},ZERO-{u},mortgage,0,2024-01-01,");
        Add(FeedType.RealEstate, $"{u},SOME-{u},mortgage,100,2024-01-01,");
        Plant("realEstate.mortgageOfZero", u, $"ZERO-{u}/mortgage", u, $"SOME-{u}/mortgage");

        u = Firm();
        Registration(u, status: "deregistered");
        Add(FeedType.RealEstate, $"{u},OPEN-{u},seizure,100,2024-01-01,");
        Add(FeedType.RealEstate, $"{u},GONE-{u},seizure,100,2024-01-01,2024-06-01");
        Plant("realEstate.seizureOfDeregisteredFirm", u, $"OPEN-{u}/seizure", u, $"GONE-{u}/seizure");

        u = Firm();
        Add(FeedType.Tax, $"{u},{m1},100,2000,0,D");
        Add(FeedType.Honour, $"{u},aLevelTaxpayer,2025-04-01,provincial,,{DateTime.UtcNow.AddYears(1):yyyy-MM-dd}");
        Add(FeedType.Honour, $"{u},aLevelTaxpayer,2023-04-01,provincial,,2024-03-31");
        Plant("honour.aLevelWithPoorRating", u, "aLevelTaxpayer/2025-04-01", u, "aLevelTaxpayer/2023-04-01");

        u = Firm();
        Add(FeedType.Honour, $"{u},award,2020-01-01,district,,2026-06-01");
        Add(FeedType.Honour, $"{u},award,2024-01-01,district,,2026-06-01");
        Plant("honour.validForOverFiveYears", u, "award/2020-01-01", u, "award/2024-01-01");

        u = Firm();
        var twin = Firm();
        Registration(u, capital: "0");
        Registration(twin);
        Plant("registration.zeroCapital", u, "registration", twin, "registration");

        u = Firm();
        twin = Firm();
        Registration(twin);
        Add(FeedType.Registration, $"{u},abnormalOperation,AO-{u},,,,,,2025-01-01,reason,");
        Add(FeedType.Registration, $"{twin},abnormalOperation,AO-{twin},,,,,,2025-01-01,reason,");
        Plant("registration.listingWithoutRegistration", u, $"AO-{u}", twin, $"AO-{twin}");

        u = Firm();
        twin = Firm();
        Registration(u);
        Registration(twin);
        Add(FeedType.Registration, $"{u},seriousViolation,SV-{u},,,,,,2025-01-01,fraud,");
        Add(FeedType.Registration, $"{twin},seriousViolation,SV-{twin},,,,,,2025-01-01,fraud,2025-06-01");
        Plant("registration.activeButListed", u, "registration", twin, "registration");

        var headers = new Dictionary<FeedType, string>
        {
            [FeedType.Tax] = "uscc,period,taxPaid,taxableRevenue,arrears,taxCreditRating",
            [FeedType.SocialSecurity] = "uscc,period,insuredEmployees,contributionPaid,arrears",
            [FeedType.Utility] = "uscc,period,kind,consumption,amountBilled,amountOverdue",
            [FeedType.Penalty] = "uscc,decisionNo,decidedOn,authority,severity,amount,revokedOn,publicityEndsOn",
            [FeedType.Judicial] = "uscc,caseNo,filedOn,kind,amount,closedOn",
            [FeedType.HousingFund] = "uscc,period,contributingEmployees,amountPaid,arrears",
            [FeedType.IntellectualProperty] = "uscc,number,kind,grantedOn,status",
            [FeedType.RealEstate] = "uscc,certificateNo,kind,amount,registeredOn,releasedOn",
            [FeedType.Honour] = "uscc,kind,grantedOn,level,title,validUntil",
            [FeedType.Registration] =
                "uscc,record,entryId,name,legalRepresentative,establishedOn,registeredCapital,status,listedOn,reason,removedOn",
        };
        // The registration first, so every other feed's check sees it.
        foreach (var feed in Feeds.OrderBy(f => f == FeedType.Registration ? 0 : 1))
        {
            var csv = new StringBuilder(headers[feed]).Append('\n');
            foreach (var row in rows[feed])
                csv.Append(row).Append('\n');
            var batch = await FinishedAsync(
                department.Client,
                (await PushAsync(department.Client, feed, csv.ToString(), Csv)).Id
            );
            Assert.That(batch.RejectedRows, Is.Zero, $"{feed}: every planted row is well formed");
        }
        // The drain that follows the batches checks the touched firms; the last feed's firms are checked last.
        var last = Planted.Values.Select(p => p.Uscc).ToHashSet();
        await Eventually.HoldsAsync(
            async () =>
                (
                    await @operator.Feeds.GetQualityAsync(pageSize: 500, rule: "honour.validForOverFiveYears")
                ).Findings.Items.Any(f => last.Contains(f.Uscc))
                && (
                    await @operator.Feeds.GetQualityAsync(pageSize: 500, rule: "tax.revenueWithoutTax")
                ).Findings.Items.Any(f => last.Contains(f.Uscc)),
            TimeSpan.FromSeconds(60),
            "the check after the batches never ran"
        );
    }

    [TestCaseSource(nameof(RuleCodes))]
    public async Task EachRule_FindsItsFailingRecord_AndNotItsPassingTwin(string rule)
    {
        var plant = Planted[rule];
        List<QualityFindingDto> findings = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                findings =
                [
                    .. (await department.Client.Feeds.GetQualityAsync(rule: rule, pageSize: 500)).Findings.Items,
                ];
                return findings.Any(f => f.Uscc == plant.Uscc);
            },
            TimeSpan.FromSeconds(30),
            () => $"{rule} found nothing for its firm"
        );
        Assert.That(
            findings.Where(f => f.Uscc == plant.Uscc || f.Uscc == plant.PassingUscc).Select(f => (f.Uscc, f.RecordKey)),
            Is.EqualTo(new[] { (plant.Uscc, plant.FailingKey) }),
            $"{rule}: the failing record and not its passing twin"
        );
        var finding = findings.Single(f => f.Uscc == plant.Uscc);
        Assert.That((finding.DepartmentId, finding.Detail), Is.EqualTo((department.Created.Id, finding.Detail)));
        Assert.That(finding.Detail, Is.Not.Empty);
    }

    [Test]
    public void EveryRuleOfThePlatform_HasItsCase()
    {
        Assert.That(RuleCodes, Is.EquivalentTo(Core.Quality.QualityRules.All.Select(r => r.Code)));
        Assert.That(RuleCodes.Count(), Is.GreaterThanOrEqualTo(20));
    }

    [Test]
    public async Task TheReport_IsTheDepartmentsOwn_AndOperatorsSeeThePlatform()
    {
        var other = await Actors.DepartmentAsync(FeedType.Tax);
        var mine = await department.Client.Feeds.GetQualityAsync(pageSize: 500);
        Assert.That(mine.DepartmentId, Is.EqualTo(department.Created.Id));
        Assert.That(mine.Rules.Select(r => r.Code), Is.EquivalentTo(RuleCodes));
        Assert.That(mine.Rules.Sum(r => r.Failing), Is.EqualTo(mine.Findings.TotalCount));
        Assert.That(mine.Findings.Items.Select(f => f.DepartmentId), Has.All.EqualTo(department.Created.Id));

        var theirs = await other.Client.Feeds.GetQualityAsync();
        Assert.That((theirs.Findings.TotalCount, theirs.Rules.Sum(r => r.Failing)), Is.EqualTo((0L, 0L)));
        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => other.Client.Feeds.GetQualityAsync(departmentId: department.Created.Id)
        );
        var bank = await Actors.BankAsync();
        await Problems.ExpectAsync(HttpStatusCode.Forbidden, () => bank.Client.Feeds.GetQualityAsync());
        await Problems.ExpectFieldErrorAsync("rule", () => @operator.Feeds.GetQualityAsync(rule: "made.up"));

        var platform = await @operator.Feeds.GetQualityAsync(pageSize: 1);
        Assert.That(platform.DepartmentId, Is.Null);
        Assert.That(platform.Findings.TotalCount, Is.GreaterThanOrEqualTo(mine.Findings.TotalCount));
        var one = await @operator.Feeds.GetQualityAsync(departmentId: department.Created.Id, pageSize: 1);
        Assert.That(one.Findings.TotalCount, Is.EqualTo(mine.Findings.TotalCount));
    }

    [Test]
    public async Task ACorrectedRecord_DropsOutAtTheNextCheck()
    {
        var uscc = Usccs.Next();
        async Task PushCaseAsync(decimal amount) =>
            await FinishedAsync(
                department.Client,
                (
                    await PushAsync(
                        department.Client,
                        FeedType.Judicial,
                        $"uscc,caseNo,filedOn,kind,amount,closedOn\n{uscc},FIX-{uscc},2025-06-01,enforcement,{amount},\n",
                        Csv
                    )
                ).Id
            );
        async Task<bool> ReportedAsync() =>
            (
                await department.Client.Feeds.GetQualityAsync(rule: "judicial.openEnforcementOfZero", pageSize: 500)
            ).Findings.Items.Any(f => f.Uscc == uscc);

        await PushCaseAsync(0);
        await Eventually.HoldsAsync(ReportedAsync, TimeSpan.FromSeconds(30), "the failing record was never reported");
        await PushCaseAsync(2500);
        await Eventually.HoldsAsync(
            async () => !await ReportedAsync(),
            TimeSpan.FromSeconds(30),
            "the corrected record is still reported"
        );
    }
}
