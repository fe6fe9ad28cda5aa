using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.LoanRequests;

public static class GetLoanRequest
{
    public sealed record Query(Guid LoanRequestId, Caller Caller) : IRequest<LoanRequestDto>;

    public sealed class Handler(FinanceMatchDbContext db) : IRequestHandler<Query, LoanRequestDto>
    {
        public async ValueTask<LoanRequestDto> Handle(Query query, CancellationToken cancellationToken) =>
            await LoanRequestAccess.VisibleAsync(db, query.LoanRequestId, query.Caller, cancellationToken);
    }

    internal static async Task<LoanRequestDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Query(id, caller), ct);
}
