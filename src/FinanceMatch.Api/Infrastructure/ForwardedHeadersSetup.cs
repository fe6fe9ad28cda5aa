using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// Behind a reverse proxy, the client's address comes from <c>X-Forwarded-For</c>, but only when the connection comes
/// from a proxy named in <c>ForwardedHeaders:KnownProxies</c> (addresses) or <c>ForwardedHeaders:KnownNetworks</c> (CIDR),
/// both comma-separated. With neither, the header is ignored: anyone could otherwise pick the address that rate limits
/// and anonymous idempotency scopes see.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var text in List(configuration["ForwardedHeaders:KnownProxies"]))
            options.KnownProxies.Add(
                IPAddress.TryParse(text, out var address)
                    ? address
                    : throw new InvalidOperationException(
                        $"ForwardedHeaders__KnownProxies: '{text}' is not an IP address."
                    )
            );
        foreach (var text in List(configuration["ForwardedHeaders:KnownNetworks"]))
            options.KnownIPNetworks.Add(
                System.Net.IPNetwork.TryParse(text, out var network)
                    ? network
                    : throw new InvalidOperationException(
                        $"ForwardedHeaders__KnownNetworks: '{text}' is not a network in CIDR notation."
                    )
            );
        // One proxy hop is trusted: the last address it appended is the client as the proxy saw it.
        options.ForwardLimit = 1;
    }

    private static IEnumerable<string> List(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
