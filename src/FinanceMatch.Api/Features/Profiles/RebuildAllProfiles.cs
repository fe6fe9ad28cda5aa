using FinanceMatch.Api.Jobs;
using Hangfire;
using Mediator;
using Npgsql;

namespace FinanceMatch.Api.Features.Profiles;

/// <summary>Rebuilds every registered firm's profile: nightly, and when an operator asks.</summary>
public static class RebuildAllProfiles
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(NpgsqlDataSource dataSource, ProfileBuilder builder) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var count = await builder.RebuildAsync(connection, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return count;
        }
    }

    public sealed class Job(ISender sender, ExclusiveRun exclusive)
    {
        [Queue(JobQueues.Default)]
        public Task Run(CancellationToken ct) =>
            exclusive.RunAsync(nameof(RebuildAllProfiles), ct => sender.Send(new Command(), ct).AsTask(), ct);
    }
}
