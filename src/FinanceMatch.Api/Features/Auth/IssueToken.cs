using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Auth;

public static class IssueToken
{
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
            var credential = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == command.ClientId, ct);
            if (credential is null || !hasher.Verify(credential.SecretHash, command.ClientSecret))
                throw new InvalidCredentialsException();
            var (token, expiresIn) = tokens.Issue(credential);
            return new TokenResponse(token, "Bearer", expiresIn);
        }
    }

    internal static async Task<IResult> Endpoint(TokenRequest body, ISender sender, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await sender.Send(new Command(body.ClientId, body.ClientSecret), ct));
        }
        catch (InvalidCredentialsException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.",
                detail: "The client id or secret is wrong.");
        }
    }

    private sealed class InvalidCredentialsException : Exception;
}
