using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Features.Feeds;
using FinanceMatch.Api.Features.Matches;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Api.Paging;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Domain = FinanceMatch.Core.LoanRequests;
using Role = FinanceMatch.Core.Identity.Role;

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
