using System.Net;
using FinanceMatch.Client.Contracts;
using FinanceMatch.IntegrationTests.Support;
using static FinanceMatch.IntegrationTests.Support.Lending;

namespace FinanceMatch.IntegrationTests.Loans;

public sealed class ModelPerformanceTests
{
    [Test]
    public async Task ThePublishedScorecard_IsMeasuredOnLoansOldEnough_InAggregatesOnly()
    {
        var bank = await Actors.BankAsync();
        // Three loans scored by a model version of their own, paid out 13 months ago; one defaulted since.
        var version = $"t{Random.Shared.Next(1_000_000, 9_999_999)}";
        var loans = new List<LoanDto>();
        for (var i = 0; i < 3; i++)
            loans.Add(await (await AcceptedOfferAsync(bank)).DisburseAsync());
        await bank.Client.Loans.ReportPerformanceAsync(loans[0].Id, Report(LoanStatus.Overdue, loans[0].Amount, 95));
        await bank.Client.Loans.ReportPerformanceAsync(loans[0].Id, Report(LoanStatus.Defaulted, loans[0].Amount, 95));
        await Sql.ExecuteAsync(
            """
            UPDATE financematch.loans SET model_version = $2, grade = 'A', score = 700 + ordinality::int,
                disbursed_on = disbursed_on - interval '13 months'
            FROM unnest($1::uuid[]) WITH ORDINALITY AS l (id, ordinality) WHERE loans.id = l.id
            """,
            loans.Select(l => l.Id).ToArray(),
            version
        );

        var performance = await TestRun.Anonymous().Profiles.GetModelPerformanceAsync();

        Assert.That(performance.ObservationMonths, Is.EqualTo(12));
        var measured = performance.Versions.Single(v => v.ModelVersion == version);
        Assert.That(
            performance.DisbursedUntil,
            Is.EqualTo(new DateOnly(Today.Year, Today.Month, 1).AddMonths(-12).AddDays(-1)),
            "whole months that ended 12 months before this one began"
        );
        Assert.That(measured.Loans, Is.EqualTo(3L));
        Assert.That(
            (measured.Defaults, measured.DefaultRate),
            Is.EqualTo(((long?)null, (double?)null)),
            "a cohort of fewer than 50 loans shows its count only"
        );
        Assert.That(measured.Grades, Is.EqualTo(new[] { new GradeOutcomesDto("A", true, null, null, null) }));
        Assert.That(
            (measured.Auc, measured.Gini, measured.Ks),
            Is.EqualTo(((EstimateDto?)null, (EstimateDto?)null, (EstimateDto?)null))
        );
        Assert.That(measured.Note, Does.Contain("only their number"));

        var older = await TestRun.Anonymous().Profiles.GetModelPerformanceAsync(observationMonths: 24);
        Assert.That(older.Versions.Select(v => v.ModelVersion), Does.Not.Contain(version), "not 24 months old yet");
        await Problems.ExpectFieldErrorAsync(
            "observationMonths",
            () => TestRun.Anonymous().Profiles.GetModelPerformanceAsync(observationMonths: 13)
        );
    }
}
