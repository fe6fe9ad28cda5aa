using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FinanceMatch.IntegrationTests.Support;

public static class ServerAddresses
{
    /// <summary>Where a started app on loopback port 0 actually listens, without a trailing slash.</summary>
    public static string ListeningAddress(this IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
