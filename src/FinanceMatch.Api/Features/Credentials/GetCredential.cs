using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Credentials;

public static class GetCredential
{
    public sealed record Query(string ClientId) : IRequest<CredentialDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, CredentialDto>
    {
        public async ValueTask<CredentialDto> Handle(Query query, CancellationToken ct) =>
            (await db.FindByClientIdAsync(query.ClientId, ct)).ToDto();
    }

    internal static async Task<CredentialDto> Endpoint(string clientId, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(clientId), ct);
}
