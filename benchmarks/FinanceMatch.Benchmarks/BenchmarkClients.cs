using System.Net.Http.Headers;
using FinanceMatch.Client;

namespace FinanceMatch.Benchmarks;

/// <summary>Refit clients for the API under test: anonymous, or carrying a bearer token; generous timeouts for big uploads.</summary>
internal static class BenchmarkClients
{
    public static FinanceMatchClient For(string baseUrl, string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new FinanceMatchClient(http);
    }
}
