using FinanceMatch.Client.Contracts;
using Mediator;

namespace FinanceMatch.Api.Features.Statistics;

/// <summary>An operator brings the pre-aggregated figures up to date at once (after a bulk load, say) rather than within the minute.</summary>
public static class RefreshStatistics
{
    public sealed record Command : IRequest<StatsRefreshDto>;

    public sealed class Handler(StatisticsRollups rollups) : IRequestHandler<Command, StatsRefreshDto>
    {
        public async ValueTask<StatsRefreshDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var refreshed = await rollups.RefreshAsync(cancellationToken);
            return new StatsRefreshDto(
                refreshed.Days,
                refreshed.Months,
                refreshed.Rows,
                Math.Round(refreshed.Milliseconds, 1)
            );
        }
    }

    internal static async Task<StatsRefreshDto> Endpoint(ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(), ct);
}
