using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;

// Loads a realistic demo world through the real API: government departments, banks, firms with valid USCCs across
// Guangdong divisions and industries (some not yet registered: their data arrives first), and 24 months of feeds.
// Usage: dotnet run --project src/FinanceMatch.DemoData -- [baseUrl] [operatorClientId] [operatorSecret] [firms]
// The credentials it creates go to .data/demo-credentials.txt, or to the file FINANCEMATCH_DEMO_CREDENTIALS names.
if (args.ElementAtOrDefault(0) == "init-licence-issuer")
{
    FinanceMatch.DemoData.DevelopmentLicenceIssuer.Initialise(
        args.ElementAtOrDefault(1) ?? Path.Combine(".data", "licence-issuer")
    );
    return;
}
var licences =
    FinanceMatch.DemoData.DevelopmentLicenceIssuer.FromEnvironment()
    ?? throw new InvalidOperationException(
        "FINANCEMATCH_LICENCE_ISSUER_KEY is not set: the demo verifies its firms with licence assertions "
            + "signed by the development issuer that scripts/run.sh sets up."
    );
var baseUrl = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080";
var operatorId = args.ElementAtOrDefault(1) ?? "operator";
var operatorSecret = args.ElementAtOrDefault(2) ?? "operator-dev-secret";
var firmCount = int.Parse(args.ElementAtOrDefault(3) ?? "300", CultureInfo.InvariantCulture);
var random = new Random(2016);

var anonymous = Client(null);
await WaitUntilReadyAsync(anonymous.Http);
var @operator = Client((await anonymous.Auth.GetTokenAsync(new TokenBody(operatorId, operatorSecret))).AccessToken);
if ((await @operator.Departments.ListAsync(pageSize: 500)).Items.Any(d => d.Code == "DEMO-TAX"))
{
    Console.WriteLine("Demo data is already loaded (department DEMO-TAX exists).");
    return;
}

var credentials = new StringBuilder("# FinanceMatch demo credentials (development only)\n");
async Task<FinanceMatchClient> DepartmentAsync(string name, string code, FeedType type)
{
    var created = await @operator.Departments.CreateAsync(new CreateDepartmentBody(name, code, [type]));
    credentials.AppendLine(
        CultureInfo.InvariantCulture,
        $"department {code, -14} clientId={created.ClientId} clientSecret={created.ClientSecret}"
    );
    return Client(
        (await anonymous.Auth.GetTokenAsync(new TokenBody(created.ClientId, created.ClientSecret!))).AccessToken
    );
}

var tax = await DepartmentAsync("Foshan Municipal Tax Service", "DEMO-TAX", FeedType.Tax);
var social = await DepartmentAsync(
    "Foshan Human Resources and Social Security Bureau",
    "DEMO-SOCIAL",
    FeedType.SocialSecurity
);
var power = await DepartmentAsync("Guangdong Power Grid, Foshan Branch", "DEMO-POWER", FeedType.Utility);
var market = await DepartmentAsync("Foshan Market Supervision Administration", "DEMO-MARKET", FeedType.Penalty);
var court = await DepartmentAsync("Foshan Intermediate People's Court", "DEMO-COURT", FeedType.Judicial);
var housingFund = await DepartmentAsync("Foshan Housing Provident Fund Centre", "DEMO-HOUSING", FeedType.HousingFund);
var ipOffice = await DepartmentAsync(
    "Foshan Market Supervision Administration (IP)",
    "DEMO-IP",
    FeedType.IntellectualProperty
);
var registry = await DepartmentAsync(
    "Foshan Natural Resources Bureau (real estate)",
    "DEMO-ESTATE",
    FeedType.RealEstate
);
var smeBureau = await DepartmentAsync(
    "Foshan Bureau of Industry and Information Technology",
    "DEMO-SME",
    FeedType.Honour
);
var regulator = await DepartmentAsync(
    "Foshan Market Supervision Administration (registration)",
    "DEMO-REG",
    FeedType.Registration
);

var banks = new List<(string Name, FinanceMatchClient Client)>();
foreach (
    var (name, code) in new[]
    {
        ("Bank of Foshan", "DEMO-BOF"),
        ("Guangdong Rural Credit Union", "DEMO-GDRCU"),
        ("China Construction Bank Foshan", "DEMO-CCBFS"),
        ("Pearl River Microfinance", "DEMO-PRMF"),
    }
)
{
    var bank = await @operator.Institutions.CreateAsync(new CreateInstitutionBody(name, code));
    credentials.AppendLine(
        CultureInfo.InvariantCulture,
        $"bank       {code, -14} clientId={bank.ClientId} clientSecret={bank.ClientSecret}"
    );
    banks.Add((name, await SignedInAsync(bank.ClientId, bank.ClientSecret!)));
}

// A policy guarantee agency (政府性融资担保) covers 80% of small loans that ask for a guarantee (政银担).
var guarantorCreated = await @operator.Institutions.CreateAsync(
    new CreateInstitutionBody("Foshan Financing Guarantee Co.", "DEMO-FSFG", InstitutionKind.Guarantor)
);
credentials.AppendLine(
    CultureInfo.InvariantCulture,
    $"guarantor  {"DEMO-FSFG", -14} clientId={guarantorCreated.ClientId} clientSecret={guarantorCreated.ClientSecret}"
);
var guarantor = await SignedInAsync(guarantorCreated.ClientId, guarantorCreated.ClientSecret!);
await guarantor.Guarantees.PublishAsync(
    (
        await guarantor.Guarantees.CreateAsync(
            new GuaranteeProductBody(
                "Foshan SME Policy Guarantee",
                "80% of a small firm's loan, 1% a year, for Guangdong firms without a serious penalty in two years.",
                0.8m,
                1m,
                50_000m,
                3_000_000m,
                200_000_000m,
                ["44"],
                Eligibility: new EligibilityDto(ExcludeSeriousPenaltiesMonths: 24)
            )
        )
    ).Id
);

string[] divisions = ["440604", "440605", "440606", "440607", "440608", "440703", "440305", "440106", "441900"];
string[] industries = ["C35", "C38", "C39", "C33", "C18", "F51", "F52", "G54", "I65", "M75"];
string[] surnames = ["Li", "Chen", "Huang", "Liang", "Zhang", "Wu", "He", "Lin", "Luo", "Zhou"];
string[] trades =
[
    "Precision Moulds",
    "Smart Appliances",
    "Ceramics",
    "Furniture",
    "Lighting",
    "Textiles",
    "Trading",
    "Logistics",
    "Software",
    "Testing",
];

var firms = new List<(string Uscc, double Revenue, int Staff, double Trend, bool Troubled)>();

// Registered firms that will ask for loans once their profiles are built.
var borrowers = new List<(Guid Id, FinanceMatchClient Client)>();
for (var i = 0; i < firmCount; i++)
{
    var division = divisions[random.Next(divisions.Length)];
    var uscc = Uscc.Compose(division, Uscc.RandomBody(random.Next));
    var staff = random.Next(5, 400);
    firms.Add(
        (uscc, staff * random.Next(15_000, 60_000), staff, random.NextDouble() * 0.04 - 0.015, random.Next(12) == 0)
    );
    // Five in six firms register; the rest exist only in government data until they do.
    if (i % 6 == 5)
        continue;
    var trade = trades[random.Next(trades.Length)];
    var registered = await anonymous.Enterprises.RegisterAsync(
        new RegisterEnterpriseBody(
            uscc,
            $"Foshan {surnames[random.Next(surnames.Length)]}'s {trade} Co., Ltd.",
            $"{surnames[random.Next(surnames.Length)]} {(char)('A' + random.Next(26))}.",
            division,
            industries[random.Next(industries.Length)],
            new DateOnly(2004 + random.Next(20), 1 + random.Next(12), 1 + random.Next(28)),
            random.Next(1, 200) * 100_000m,
            staff
        )
    );
    var firmClient = await SignedInAsync(registered.ClientId, registered.ClientSecret!);
    // Verified the way a real firm is: a signed assertion from the (development) e-business-licence service.
    await firmClient.Enterprises.SubmitVerificationAsync(
        registered.Id,
        new SubmitVerificationBody(
            VerificationMethod.BusinessLicence,
            licences.Assert(uscc, registered.LegalRepresentative)
        )
    );
    if (i < 3)
        credentials.AppendLine(
            CultureInfo.InvariantCulture,
            $"enterprise {uscc} clientId={registered.ClientId} clientSecret={registered.ClientSecret}"
        );
    if (borrowers.Count < 80)
        borrowers.Add((registered.Id, firmClient));
}
Console.WriteLine($"{firms.Count} firms ({firms.Count - firms.Count / 6} registered), 10 departments, 4 banks");

var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
string Period(int monthsAgo) => thisMonth.AddMonths(-monthsAgo).ToString("yyyy-MM", CultureInfo.InvariantCulture);
string Money(double value) => Math.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture);

var taxCsv = new StringBuilder("uscc,period,taxPaid,taxableRevenue,arrears,taxCreditRating\n");
var socialNdjson = new StringBuilder();
var utility = new List<object>();
foreach (var firm in firms)
{
    var rating = firm.Troubled ? "C" : new[] { "A", "A", "B", "B", "M" }[random.Next(5)];
    for (var m = 24; m >= 1; m--)
    {
        var growth = Math.Pow(1 + firm.Trend, 24 - m) * (0.9 + random.NextDouble() * 0.2);
        var revenue = firm.Revenue * growth;
        var arrears = firm.Troubled && m <= 4 ? revenue * 0.01 : 0;
        taxCsv.Append(
            CultureInfo.InvariantCulture,
            $"{firm.Uscc},{Period(m)},{Money(revenue * 0.03)},{Money(revenue)},{Money(arrears)},{rating}\n"
        );
        var staff = Math.Max(1, (int)(firm.Staff * growth * (firm.Troubled && m <= 6 ? 0.6 : 1)));
        socialNdjson
            .Append(
                JsonSerializer.Serialize(
                    new
                    {
                        uscc = firm.Uscc,
                        period = Period(m),
                        insuredEmployees = staff,
                        contributionPaid = Math.Round(staff * 1150.0, 2),
                        arrears = firm.Troubled && m <= 3 ? Math.Round(staff * 300.0, 2) : 0,
                    }
                )
            )
            .Append('\n');
        utility.Add(
            new
            {
                uscc = firm.Uscc,
                period = Period(m),
                kind = "electricity",
                consumption = Math.Round(revenue / 12, 3),
                amountBilled = Math.Round(revenue / 12 * 0.68, 2),
                amountOverdue = firm.Troubled && m <= 2 ? Math.Round(revenue / 40, 2) : 0,
            }
        );
        utility.Add(
            new
            {
                uscc = firm.Uscc,
                period = Period(m),
                kind = "water",
                consumption = Math.Round(firm.Staff * 4.2 * growth, 3),
                amountBilled = Math.Round(firm.Staff * 4.2 * growth * 3.5, 2),
                amountOverdue = 0,
            }
        );
    }
}

// The wider credit file (issue 19): housing-fund contributions of most firms, patents and trademarks of some, mortgages
// of the larger ones, seizures of troubled ones, honours of the best.
var housingCsv = new StringBuilder("uscc,period,contributingEmployees,amountPaid,arrears\n");
var ipCsv = new StringBuilder("uscc,number,kind,grantedOn,status\n");
var estateCsv = new StringBuilder("uscc,certificateNo,kind,amount,registeredOn,releasedOn\n");
var honourCsv = new StringBuilder("uscc,kind,grantedOn,level,title,validUntil\n");
for (var i = 0; i < firms.Count; i++)
{
    var firm = firms[i];
    if (i % 5 != 4)
        for (var m = 24; m >= 1; m--)
        {
            var contributors = Math.Max(1, (int)(firm.Staff * 0.7));
            housingCsv.Append(
                CultureInfo.InvariantCulture,
                $"{firm.Uscc},{Period(m)},{contributors},{Money(contributors * 820.0)},{Money(firm.Troubled && m <= 3 ? contributors * 200.0 : 0)}\n"
            );
        }
    if (i % 4 == 0)
        foreach (var (n, kind) in new[] { (1, "invention"), (2, "utilityModel"), (3, "trademark") }.Take(1 + i % 3))
            ipCsv.Append(
                CultureInfo.InvariantCulture,
                $"{firm.Uscc},{(kind == "trademark" ? "TM" : "ZL")}{2015 + i % 9}{i:D5}{n},{kind},{thisMonth.AddMonths(-random.Next(6, 96)):yyyy-MM-dd},{(random.Next(8) == 0 ? "lapsed" : "valid")}\n"
            );
    if (firm.Staff > 150)
        estateCsv.Append(
            CultureInfo.InvariantCulture,
            $"{firm.Uscc},YUE-M-{i:D5},mortgage,{Money(firm.Revenue * 0.3)},{thisMonth.AddMonths(-random.Next(3, 60)):yyyy-MM-dd},\n"
        );
    if (firm.Troubled && i % 2 == 0)
        estateCsv.Append(
            CultureInfo.InvariantCulture,
            $"{firm.Uscc},YUE-S-{i:D5},seizure,{Money(firm.Revenue * 0.05)},{thisMonth.AddMonths(-random.Next(1, 12)):yyyy-MM-dd},\n"
        );
    if (!firm.Troubled && i % 7 == 0)
        honourCsv.Append(
            CultureInfo.InvariantCulture,
            $"{firm.Uscc},aLevelTaxpayer,{thisMonth.AddMonths(-8):yyyy-MM-dd},provincial,,{thisMonth.AddMonths(16):yyyy-MM-dd}\n"
        );
    if (!firm.Troubled && i % 11 == 0)
        honourCsv.Append(
            CultureInfo.InvariantCulture,
            $"{firm.Uscc},specialised,{thisMonth.AddMonths(-random.Next(2, 30)):yyyy-MM-dd},municipal,Foshan 专精特新 SME,\n"
        );
}

var penalties = new StringBuilder();
var judicial = new StringBuilder();
var troubled = firms.Where(f => f.Troubled).ToList();
for (var i = 0; i < troubled.Count; i++)
{
    var decided = thisMonth.AddMonths(-random.Next(2, 30)).AddDays(random.Next(27));
    penalties
        .Append(
            JsonSerializer.Serialize(
                new
                {
                    uscc = troubled[i].Uscc,
                    decisionNo = $"FS-SCJ-{decided.Year}-{1000 + i}",
                    decidedOn = decided.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    authority = "Foshan Market Supervision Administration",
                    severity = new[] { "minor", "general", "serious" }[i % 3],
                    amount = 5000 * (1 + i % 7),
                }
            )
        )
        .Append('\n');
    var filed = thisMonth.AddMonths(-random.Next(1, 18)).AddDays(random.Next(27));
    judicial
        .Append(
            JsonSerializer.Serialize(
                new
                {
                    uscc = troubled[i].Uscc,
                    caseNo = $"({filed.Year})Yue06Zhi{2000 + i}",
                    filedOn = filed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    kind = i % 4 == 0 ? "dishonestDebtor" : "enforcement",
                    amount = 80_000 + 10_000 * i,
                    closedOn = (string?)null,
                }
            )
        )
        .Append('\n');
}

var batches = new List<(FinanceMatchClient Client, BatchDto Batch)>
{
    (tax, await tax.Feeds.PushAsync(FeedType.Tax, Content(taxCsv.ToString(), "text/csv"))),
    (
        social,
        await social.Feeds.PushAsync(FeedType.SocialSecurity, Content(socialNdjson.ToString(), "application/x-ndjson"))
    ),
    (
        power,
        await power.Feeds.PushAsync(FeedType.Utility, Content(JsonSerializer.Serialize(utility), "application/json"))
    ),
    (market, await market.Feeds.PushAsync(FeedType.Penalty, Content(penalties.ToString(), "application/x-ndjson"))),
    (court, await court.Feeds.PushAsync(FeedType.Judicial, Content(judicial.ToString(), "application/x-ndjson"))),
    (housingFund, await housingFund.Feeds.PushAsync(FeedType.HousingFund, Content(housingCsv.ToString(), "text/csv"))),
    (ipOffice, await ipOffice.Feeds.PushAsync(FeedType.IntellectualProperty, Content(ipCsv.ToString(), "text/csv"))),
    (registry, await registry.Feeds.PushAsync(FeedType.RealEstate, Content(estateCsv.ToString(), "text/csv"))),
    (smeBureau, await smeBureau.Feeds.PushAsync(FeedType.Honour, Content(honourCsv.ToString(), "text/csv"))),
    (
        regulator,
        await regulator.Feeds.PushAsync(
            FeedType.Registration,
            Content(CreditFile.RegistrationCsv(firms, thisMonth), "text/csv")
        )
    ),
};
foreach (var (client, queued) in batches)
{
    BatchDto batch;
    do
    {
        await Task.Delay(250);
        batch = await client.Feeds.GetBatchAsync(queued.Id);
    } while (batch.Status is BatchStatus.Queued or BatchStatus.Processing);
    Console.WriteLine(
        $"{batch.FeedType, -15} batch {batch.Id}: {batch.Status}, {batch.AcceptedRows:N0} rows applied, {batch.RejectedRows} rejected"
    );
}

await CreditFile.RepairAndObjectionAsync(market, tax, borrowers, thisMonth);

// The finance bureau's risk fund covers the loans paid out from now on (it supplies no feed; a department names one).
var fund = await DepartmentAsync("Foshan Municipal Finance Bureau (risk fund)", "DEMO-FUND", FeedType.Penalty);
await AfterTheLoan.ProgrammeAsync(fund);

// Lists and policies before the loans, so that matches carry the policies and disbursements reserve them.
await Policies.ListsAndPoliciesAsync(fund, banks, [.. firms.Where((_, i) => i % 3 == 0).Select(f => f.Uscc)]);
var loans = await Marketplace.LoadAsync(banks, guarantor, borrowers, random);
loans.AddRange(await Marketplace.HistoryAsync(banks, guarantor, borrowers, rounds: 3, random));
await Policies.DemandHallAsync(banks, borrowers, random);
await AfterTheLoan.FollowAsync(loans, fund, guarantor, random);
await Policies.SubsidyClaimsAsync(banks, fund, random);
await AfterTheLoan.AgeAsync(Environment.GetEnvironmentVariable("ConnectionStrings__FinanceMatch"));

var file =
    Environment.GetEnvironmentVariable("FINANCEMATCH_DEMO_CREDENTIALS")
    ?? Path.Combine(FindRoot(), ".data", "demo-credentials.txt");
Directory.CreateDirectory(Path.GetDirectoryName(file)!);
await File.WriteAllTextAsync(file, credentials.ToString());
Console.WriteLine($"Demo credentials written to {file}:");
Console.Write(credentials);

async Task<FinanceMatchClient> SignedInAsync(string clientId, string clientSecret) =>
    Client((await anonymous.Auth.GetTokenAsync(new TokenBody(clientId, clientSecret))).AccessToken);

FinanceMatchClient Client(string? token)
{
    var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
    if (token is not null)
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return new FinanceMatchClient(http);
}

static async Task WaitUntilReadyAsync(HttpClient http)
{
    for (var attempt = 0; attempt < 240; attempt++)
    {
        try
        {
            if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                return;
        }
        catch (HttpRequestException) { }
        await Task.Delay(500);
    }
    throw new InvalidOperationException($"The API at {http.BaseAddress} did not become ready within two minutes.");
}

static HttpContent Content(string text, string type) =>
    new StringContent(text, new UTF8Encoding(false), new MediaTypeHeaderValue(type));

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FinanceMatch.sln")))
        directory = directory.Parent;
    return directory?.FullName ?? Directory.GetCurrentDirectory();
}
