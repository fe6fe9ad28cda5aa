using Microsoft.Net.Http.Headers;

namespace FinanceMatch.Api.Features.Dashboard;

/// <summary>
/// The operators' and banks' dashboard: a static page (dashboard/ in the repository, bundled with Chart.js into
/// wwwroot/dashboard by the API project's MSBuild target BuildDashboard) that signs in with a client id and secret and draws /api/v1/stats/*.
/// The page holds no data; every figure comes from the statistics endpoints under the caller's own token and scope.
/// </summary>
public static class DashboardEndpoints
{
    private const string Folder = "dashboard";

    /// <summary>Everything the page loads comes from this origin; no inline script, no framing.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void MapDashboard(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.UseStaticFiles(
            new StaticFileOptions
            {
                // The bundle's name does not change between builds: browsers revalidate it (ETag) instead of keeping an old one.
                OnPrepareResponse = context => SecureHeaders(context.Context.Response.Headers),
            }
        );

        app.MapGet(
                "/dashboard",
                (HttpContext context) =>
                {
                    var page = files.GetFileInfo($"{Folder}/index.html");
                    if (!page.Exists)
                        return Results.Problem(
                            statusCode: StatusCodes.Status503ServiceUnavailable,
                            title: "The dashboard has not been built",
                            detail: "The build bundles it into wwwroot/dashboard unless -p:BuildDashboard=false was given; build the API project again."
                        );
                    SecureHeaders(context.Response.Headers);
                    return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
                }
            )
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    private static void SecureHeaders(IHeaderDictionary headers)
    {
        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
