using FinanceMatch.Api.Auth;
using Microsoft.Extensions.Options;

namespace FinanceMatch.Api.Features.Auth;

/// <summary>
/// A browser cannot put a bearer token on a link, so the operator's dashboard page hands its token to the job dashboard as a
/// cookie that only <c>/hangfire</c> reads (the API takes bearer tokens only): HttpOnly, SameSite=Strict, Secure outside
/// Development and Testing, ending with the token. Hangfire's own POST actions are guarded by antiforgery tokens.
/// </summary>
public static class StartJobDashboardSession
{
    public const string CookieName = "financematch_token";
    public const string CookiePath = "/hangfire";

    internal static IResult Endpoint(HttpContext http, IHostEnvironment environment, IOptions<AuthOptions> options)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : "";
        var local = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        http.Response.Cookies.Append(
            CookieName,
            token,
            new CookieOptions
            {
                Path = CookiePath,
                HttpOnly = true,
                Secure = !local,
                SameSite = SameSiteMode.Strict,
                MaxAge = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes),
            }
        );
        return TypedResults.NoContent();
    }
}
