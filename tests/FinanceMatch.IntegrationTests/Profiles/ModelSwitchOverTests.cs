using System.Net;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;

namespace FinanceMatch.IntegrationTests.Profiles;

/// <summary>
/// An operator moves the platform between scoring model versions: a rebuild of every firm with progress, the old version
/// readable, each firm's history showing both versions' scores for the changeover. Alone: every profile changes version.
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
        var firm = await Support.Marketplace.FirmPayingTaxAsync(30_000m);
        var @operator = await TestRun.OperatorAsync();
        var bank = await Actors.BankAsync();
        Assert.That((await firm.Client.Profiles.GetAsync(firm.Created.Id)).ModelVersion, Is.EqualTo("2027.1"));

        await Problems.ExpectAsync(
            HttpStatusCode.Forbidden,
            () => bank.Client.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2026.2"))
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
        Assert.That((back.FromVersion, back.ToVersion), Is.EqualTo(("2027.1", "2026.2")));
        Assert.That(back.Total, Is.GreaterThanOrEqualTo(1));
        Assert.That(
            (await TestRun.Anonymous().Profiles.GetModelAsync()).Version,
            Is.EqualTo("2026.2"),
            "in force from the moment it starts"
        );
        var done = await CompletedAsync(@operator, back.Id);
        Assert.That((done.Done, done.FinishedAt is not null), Is.EqualTo((done.Total, true)));
        Assert.That((await @operator.Profiles.ListSwitchOversAsync()).Select(s => s.Id), Does.Contain(back.Id));

        var profile = await firm.Client.Profiles.GetAsync(firm.Created.Id);
        Assert.That(profile.ModelVersion, Is.EqualTo("2026.2"));
        var history = await firm.Client.Profiles.GetHistoryAsync(firm.Created.Id);
        var changeover = history.Where(h => h.ComputedAt == profile.ComputedAt).ToList();
        Assert.That(
            changeover.Select(h => h.ModelVersion),
            Is.EquivalentTo(new[] { "2026.2", "2027.1" }),
            "both versions' scores for the changeover"
        );
        Assert.That(changeover.Single(h => h.ModelVersion == "2026.2").Score, Is.EqualTo(profile.Score));

        var forward = await @operator.Profiles.SwitchModelAsync(new SwitchScoringModelBody("2027.1"));
        await CompletedAsync(@operator, forward.Id);
        Assert.That((await firm.Client.Profiles.GetAsync(firm.Created.Id)).ModelVersion, Is.EqualTo("2027.1"));
        await Problems.ExpectAsync(
            HttpStatusCode.NotFound,
            () => @operator.Profiles.GetSwitchOverAsync(Guid.NewGuid())
        );
    }
}
