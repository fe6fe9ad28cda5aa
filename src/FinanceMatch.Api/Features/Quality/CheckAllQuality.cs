using FinanceMatch.Api.Jobs;
using Hangfire;
using Npgsql;

namespace FinanceMatch.Api.Features.Quality;

/// <summary>Nightly, every rule over every record: what a batch's check cannot see (a rule over today's date, a record of a firm no batch touched).</summary>
public static class CheckAllQuality
{
    public const string RecurringJobId = "check-all-quality";

    public sealed class Job(NpgsqlDataSource dataSource, QualityCheck check, ExclusiveRun exclusive)
    {
        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(
                nameof(CheckAllQuality),
                async ct =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(ct);
                    await using var transaction = await connection.BeginTransactionAsync(ct);
                    await check.RunAsync(connection, null, ct);
                    await transaction.CommitAsync(ct);
                },
                ct
            );
    }
}
