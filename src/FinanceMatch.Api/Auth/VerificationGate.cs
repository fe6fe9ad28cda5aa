using FinanceMatch.Api.Errors;
using FinanceMatch.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FinanceMatch.Api.Auth;

/// <summary>Marks one of the few endpoints a firm may call before its registration is verified.</summary>
public sealed class AllowUnverifiedEnterpriseMetadata;

/// <summary>
/// Until a firm's registration is verified, its token reaches only the endpoints marked
/// <see cref="AllowUnverifiedEnterprise"/> (its own registration, verification, secret rotation, who am I). On a public
/// endpoint it is treated as anonymous (nothing there may depend on who it claims to be); every other endpoint answers
/// 403 <c>verification-required</c>. The gate is deny-by-default, so an endpoint added later is closed to unverified
/// firms without anyone remembering to close it.
/// </summary>
public static class VerificationGate
{
    public static TBuilder AllowUnverifiedEnterprise<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AllowUnverifiedEnterpriseMetadata());

    public static IApplicationBuilder UseVerificationGate(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                if (
                    http.User.Is(Role.Enterprise)
                    && !http.User.IsVerifiedEnterprise()
                    && http.GetEndpoint()?.Metadata.GetMetadata<AllowUnverifiedEnterpriseMetadata>() is null
                )
                {
                    var endpoint = http.GetEndpoint();
                    if (
                        endpoint is null
                        || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                        || (
                            endpoint.Metadata.GetMetadata<IAuthorizeData>() is null
                            && endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is null
                        )
                    )
                    {
                        http.User = new System.Security.Claims.ClaimsPrincipal(
                            new System.Security.Claims.ClaimsIdentity()
                        );
                        await next(http);
                        return;
                    }
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = http,
                                ProblemDetails = new ProblemDetails
                                {
                                    Status = StatusCodes.Status403Forbidden,
                                    Type = ProblemTypes.VerificationRequired,
                                    Title = "The firm's registration is not verified.",
                                    Detail =
                                        "Until the registration is verified (POST /api/v1/enterprises/{id}/verification, or an operator's review), "
                                        + "this token reaches only the firm's own registration, verification and secret rotation.",
                                },
                            }
                        );
                    return;
                }
                await next(http);
            }
        );
}
