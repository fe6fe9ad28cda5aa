using System.Globalization;
using System.Net;
using System.Text;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Profiles;

/// <summary>
/// An operator moves the platform between scoring model versions: a rebuild of every firm with progress, the old version
/// readable, each firm's history showing both versions' scores for the changeover. A switch-over changes every profile
/// of its platform, so it runs on a platform of its own (its own database, API and worker processes), never under the
/// other tests.
/// </summary>
[NonParallelizable]
public sealed class ModelSwitchOverTests
{
    private static async Task<ModelSwitchOverDto> CompletedAsync(FinanceMatchClient @operator, Guid id)
    {
        ModelSwitchOverDto? state = null;
        await Eventually.HoldsAsync(
            async () => (state = await @operator.Profiles.GetSwitchOverAsync(id)).Status == SwitchOverStatus.Completed,
            TimeSpan.FromSeconds(120),
            () => $"the switch-over stopped at {state?.Done} of {state?.Total}"
        );
        return state!;
    }

    [Test]
    public async Task SwitchingOver_RebuildsEveryFirmWithProgress_AndTheHistoryShowsBothVersions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var api = await WorkerProcess.StartApiAsync(
            database.ConnectionString,
            new Dictionary<string, string>()
        );
        await using var worker = WorkerProcess.Start(
            database.ConnectionString,
            new Dictionary<string, string>
            {
                ["Profiles__RebuildDelaySeconds"] = "1",
                ["Profiles__RebuildRunChunk"] = "2",
            }
        );
        var anonymous = new FinanceMatchClient(new HttpClient { BaseAddress = api.BaseAddress });
        Task<FinanceMatchClient> SignInAsync(string clientId, string secret) =>
            TestRun.SignInAsync(api.BaseAddress!, clientId, secret);
        var @operator = await SignInAsync(FinanceMatchApp.OperatorClientId, FinanceMatchApp.OperatorSecret);
        var department = await @operator.Departments.CreateAsync(
            new CreateDepartmentBody("Tax", Actors.UniqueCode("DEPT"), [FeedType.Tax])
        );
        var tax = await SignInAsync(department.ClientId, department.ClientSecret!);
        var bank = await @operator.Institutions.CreateAsync(
            new CreateInstitutionBody("Bank", Actors.UniqueCode("BANK"))
        );
        var bankClient = await SignInAsync(bank.ClientId, bank.ClientSecret!);

        // Five firms with a year of tax data: three steps of two.
        var firms = new List<(Guid Id, FinanceMatchClient Client)>();
        var csv = new StringBuilder("uscc,period,taxPaid,taxableRevenue\n");
        for (var i = 0; i < 5; i++)
        {
            var registered = await anonymous.Enterprises.RegisterAsync(Actors.EnterpriseRequest());
            var client = await SignInAsync(registered.ClientId, registered.ClientSecret!);
            await Actors.VerifyAsync(client, registered);
            firms.Add((registered.Id, client));
            for (var m = 1; m <= 12; m++)
                csv.Append(
                    CultureInfo.InvariantCulture,
                    $"{registered.Uscc},{Batches.Month(m)},{10_000 * (i + 1)},{200_000 * (i + 1)}\n"
                );
        }
        await Batches.FinishedAsync(tax, (await Batches.PushAsync(tax, FeedType.Tax, csv.ToString(), Batches.Csv)).Id);
        var (firmId, firm) = firms[0];
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var (id, client) in firms)
                    if (!(await client.Profiles.GetAsync(id)).Rated)
                        return false;
                return true;
            },
            TimeSpan.FromSeconds(60),
            "the firms were never rated"
        );
        Assert.That((await firm.Profiles.GetAsync(firmId)).ModelVersion, Is.EqualTo("2027.1"));

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bankClient.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2026.2"))
        );
        await Problems.ExpectFieldErrorAsync(
            "version",
            () => @operator.Profiles.SwitchModelAsync(new SwitchScoringModelBody("1999.1"))
        );
        await Problems.ExpectAsync(
            HttpStatusCode.UnprocessableEntity,
            () => @operator.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2027.1"))
        );

        var back = await @operator.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2026.2"));
        Assert.That((back.FromVersion, back.ToVersion, back.Total), Is.EqualTo(("2027.1", "2026.2", 5)));
        Assert.That(
            (await anonymous.Profiles.GetModelAsync()).Version,
            Is.EqualTo("2026.2"),
            "in force from the moment it starts"
        );
        var done = await CompletedAsync(@operator, back.Id);
        Assert.That((done.Done, done.FinishedAt is not null), Is.EqualTo((5, true)));
        Assert.That((await @operator.Profiles.ListSwitchOversAsync()).Select(s => s.Id), Does.Contain(back.Id));

        foreach (var (id, client) in firms)
        {
            var profile = await client.Profiles.GetAsync(id);
            Assert.That(profile.ModelVersion, Is.EqualTo("2026.2"));
            var changeover = (await client.Profiles.GetHistoryAsync(id))
                .Where(h => h.ComputedAt == profile.ComputedAt)
                .ToList();
            Assert.That(
                changeover.Select(h => h.ModelVersion),
                Is.EquivalentTo(new[] { "2026.2", "2027.1" }),
                "both versions' scores for the changeover"
            );
            Assert.That(changeover.Single(h => h.ModelVersion == "2026.2").Score, Is.EqualTo(profile.Score));
        }

        var forward = await @operator.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2027.1"));
        await CompletedAsync(@operator, forward.Id);
        Assert.That((await firm.Profiles.GetAsync(firmId)).ModelVersion, Is.EqualTo("2027.1"));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => @operator.Profiles.GetSwitchOverAsync(Guid.NewGuid())
        );
    }
}
