namespace FinanceMatch.Api.Infrastructure;

/// <summary>
/// <c>dotnet FinanceMatch.Api.dll probe</c>: the container's health check without curl in the image. An HTTP process is
/// healthy when its own <c>/health/ready</c> answers 2xx; a worker (no HTTP) when its heartbeat file
/// (<see cref="HeartbeatFile"/>) was written in the last three periods. Exit code 0 healthy, 1 not.
/// </summary>
internal static class ContainerProbe
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var heartbeat = Environment.GetEnvironmentVariable("Health__HeartbeatFile");
        if (!string.IsNullOrEmpty(heartbeat))
        {
            var fresh =
                File.Exists(heartbeat)
                && DateTime.UtcNow - File.GetLastWriteTimeUtc(heartbeat) < 3 * HeartbeatFile.Period;
            await Console.Out.WriteLineAsync(fresh ? "healthy" : $"no heartbeat in {heartbeat} for 45 s");
            return fresh ? 0 : 1;
        }
        var url = args.Count > 0 ? args[0] : $"{LocalBase()}/health/ready";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The first address the process listens on (<c>ASPNETCORE_URLS</c>), asked on the loopback interface.</summary>
    private static string LocalBase()
    {
        var first = (Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? "http://127.0.0.1:8080").Split(';')[0];
        var uri = new Uri(
            first
                .Replace("+", "127.0.0.1", StringComparison.Ordinal)
                .Replace("*", "127.0.0.1", StringComparison.Ordinal)
                .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
        );
        return $"{uri.Scheme}://127.0.0.1:{uri.Port}";
    }
}
