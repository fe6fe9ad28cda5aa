using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Errors;
using FinanceMatch.Client;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Auth;

/// <summary>
/// Signs a client in: the contract's JSON body, or RFC 6749 client credentials as a form (id and secret in the form or as
/// HTTP Basic), so OAuth libraries, gateways and Swagger UI's Authorize work unchanged. A disabled client cannot sign in.
/// OAuth errors keep RFC 6749's <c>error</c>/<c>error_description</c> inside a problem+json body, like every other error.
/// </summary>
public static class IssueToken
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    public sealed record Command(string ClientId, string ClientSecret) : IRequest<TokenResponse>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ClientId).NotEmpty().MaximumLength(64);
            RuleFor(c => c.ClientSecret).NotEmpty().MaximumLength(256);
        }
    }

    public sealed class Handler(FinanceMatchDbContext db, SecretHasher hasher, TokenIssuer tokens)
        : IRequestHandler<Command, TokenResponse>
    {
        public async ValueTask<TokenResponse> Handle(Command command, CancellationToken ct)
        {
            var credential = await db
                .Credentials.AsNoTracking()
                .SingleOrDefaultAsync(c => c.ClientId == command.ClientId, ct);
            if (
                credential is null
                || !hasher.Verify(credential.SecretHash, command.ClientSecret)
                || !credential.IsEnabled
            )
                throw new InvalidCredentialsException();
            var (token, expiresIn) = tokens.Issue(credential);
            return new TokenResponse(token, "Bearer", expiresIn);
        }
    }

    internal static async Task<IResult> Endpoint(HttpContext http, ISender sender, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        if (http.Request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) == true)
            return await FormAsync(http, sender, ct);
        if (!http.Request.HasJsonContentType())
            throw new UnsupportedContentTypeException(
                "Send the credentials as application/json, or as application/x-www-form-urlencoded (RFC 6749)."
            );
        TokenBody? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<TokenBody>(FinanceMatchJson.Options, ct);
        }
        catch (JsonException json)
        {
            throw new BadHttpRequestException(
                "The request body could not be read.",
                StatusCodes.Status400BadRequest,
                json
            );
        }
        try
        {
            return TypedResults.Ok(await sender.Send(new Command(body?.ClientId ?? "", body?.ClientSecret ?? ""), ct));
        }
        catch (InvalidCredentialsException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized.",
                detail: "The client id or secret is wrong, or the client is disabled."
            );
        }
    }

    private static async Task<IResult> FormAsync(HttpContext http, ISender sender, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e)
        {
            return OAuthError(
                StatusCodes.Status400BadRequest,
                "invalid_request",
                "The form cannot be read: " + e.Message
            );
        }
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
            return OAuthError(StatusCodes.Status400BadRequest, "invalid_request", "grant_type is required.");
        if (grantType != "client_credentials")
            return OAuthError(
                StatusCodes.Status400BadRequest,
                "unsupported_grant_type",
                "Only the client_credentials grant is supported."
            );
        var (clientId, clientSecret, basic) = (form["client_id"].ToString(), form["client_secret"].ToString(), false);
        if (
            AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
        )
        {
            if (!TryReadBasic(header.Parameter, out clientId, out clientSecret))
                return OAuthError(
                    StatusCodes.Status400BadRequest,
                    "invalid_request",
                    "The Basic authorization header cannot be read."
                );
            basic = true;
        }
        try
        {
            var token = await sender.Send(new Command(clientId, clientSecret), ct);
            return TypedResults.Ok(new OAuthTokenResponse(token.AccessToken, token.TokenType, token.ExpiresIn));
        }
        catch (Exception e) when (e is InvalidCredentialsException or ValidationException)
        {
            if (basic)
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"financematch\"";
            return OAuthError(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
        }
    }

    /// <summary>RFC 6749 §2.3.1: the id and secret are form-urlencoded before they are joined and base64-encoded.</summary>
    private static bool TryReadBasic(string? parameter, out string clientId, out string clientSecret)
    {
        (clientId, clientSecret) = ("", "");
        if (string.IsNullOrEmpty(parameter) || parameter.Length > 1024)
            return false;
        var buffer = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, buffer, out var written))
            return false;
        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return false;
        clientId = Uri.UnescapeDataString(text[..colon].Replace('+', ' '));
        clientSecret = Uri.UnescapeDataString(text[(colon + 1)..].Replace('+', ' '));
        return true;
    }

    private static IResult OAuthError(int status, string error, string description) =>
        TypedResults.Problem(
            statusCode: status,
            title: error,
            detail: description,
            extensions: new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description }
        );

    private sealed class InvalidCredentialsException : Exception;
}
