using Mediator;

namespace FinanceMatch.Api.Idempotency;

public static class PurgeExpiredIdempotencyKeys
{
    public sealed record Command : IRequest<int>;

    public sealed class Handler(IdempotencyStore store, ILogger<Handler> logger) : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var deleted = await store.DeleteExpiredAsync(ct);
            logger.LogInformation(
                "Purged {Count} idempotency keys older than {Hours} h",
                deleted,
                IdempotencyStore.KeptFor.TotalHours
            );
            return deleted;
        }
    }

    public sealed class Job(ISender sender)
    {
        public Task Run(CancellationToken ct) => sender.Send(new Command(), ct).AsTask();
    }
}
