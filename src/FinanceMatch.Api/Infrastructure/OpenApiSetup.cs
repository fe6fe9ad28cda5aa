using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace FinanceMatch.Api.Infrastructure;

internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string ClientCredentialsScheme = "ClientCredentials";

    /// <summary>The contract's name of a request body: <c>TokenBody</c> is <c>TokenRequest</c>, <c>SubmitLoanRequestBody</c> is <c>SubmitLoanRequest</c>.</summary>
    public static string ContractName(string bodyTypeName)
    {
        var stem = bodyTypeName[..^"Body".Length];
        return stem.EndsWith("Request", StringComparison.Ordinal) ? stem : stem + "Request";
    }

    public static IServiceCollection AddFinanceMatchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(
            "v1",
            options =>
            {
                // The schema names are the published contract: a wire record named XBody in C# keeps its name XRequest.
                options.CreateSchemaReferenceId = type =>
                    type.Type.Name.EndsWith("Body", StringComparison.Ordinal)
                        ? ContractName(type.Type.Name)
                        : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
                OpenApiConventions.Apply(options);
                options.AddDocumentTransformer(
                    (document, _, _) =>
                    {
                        document.Info = new OpenApiInfo
                        {
                            Title = "FinanceMatch API",
                            Version = "v1",
                            Description =
                                "SME credit-financing matchmaking: government data feeds, credit profiles, consented reports, "
                                + "bank products, matching and statistics. Get a token at POST /api/v1/auth/token, then use Authorize.",
                        };
                        // Servers depend on who asked; leaving them out keeps the served and the committed document identical.
                        document.Servers = [];
                        document.Components ??= new OpenApiComponents();
                        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                        {
                            Type = SecuritySchemeType.Http,
                            Scheme = "bearer",
                            BearerFormat = "JWT",
                            Description = "The accessToken from POST /api/v1/auth/token.",
                        };
                        // Swagger UI's Authorize fetches a token itself from a client id and secret.
                        document.Components.SecuritySchemes[ClientCredentialsScheme] = new OpenApiSecurityScheme
                        {
                            Type = SecuritySchemeType.OAuth2,
                            Description =
                                "OAuth 2.0 client credentials (RFC 6749 §4.4) with the client id and secret FinanceMatch issued.",
                            Flows = new OpenApiOAuthFlows
                            {
                                ClientCredentials = new OpenApiOAuthFlow
                                {
                                    TokenUrl = new Uri("/api/v1/auth/token", UriKind.Relative),
                                    Scopes = new Dictionary<string, string>(),
                                },
                            },
                        };
                        return Task.CompletedTask;
                    }
                );
                options.AddOperationTransformer(
                    (operation, context, _) =>
                    {
                        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                        {
                            operation.Security ??= [];
                            operation.Security.Add(
                                new OpenApiSecurityRequirement
                                {
                                    [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                                }
                            );
                            operation.Security.Add(
                                new OpenApiSecurityRequirement
                                {
                                    [new OpenApiSecuritySchemeReference(ClientCredentialsScheme, context.Document)] =
                                    [],
                                }
                            );
                        }
                        return Task.CompletedTask;
                    }
                );
                // The token endpoint's form body is RFC 6749's, not the JSON body's shape.
                options.AddOperationTransformer(
                    async (operation, context, ct) =>
                    {
                        if (
                            operation.RequestBody?.Content is { } content
                            && content.TryGetValue(Features.Auth.IssueToken.FormContentType, out var form)
                        )
                            form.Schema = await context.GetOrCreateSchemaAsync(
                                typeof(Client.Contracts.ClientCredentialsGrant),
                                null,
                                ct
                            );
                    }
                );
            }
        );
}
