using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Guarantees;

/// <summary>A guarantor stops offering a published guarantee product: it takes no more loans.</summary>
public static class WithdrawGuaranteeProduct
{
    public sealed record Command(Caller Caller, Guid ProductId) : IRequest<GuaranteeProductDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock)
        : IRequestHandler<Command, GuaranteeProductDto>
    {
        public async ValueTask<GuaranteeProductDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var product = await GuaranteeAccess.FindOwnAsync(db, command.Caller, command.ProductId, cancellationToken);
            product.Withdraw(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return product.ToDto(command.Caller);
        }
    }

    internal static async Task<GuaranteeProductDto> Endpoint(
        Guid id,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller, id), ct);
}
