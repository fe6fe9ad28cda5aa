using FinanceMatch.Api.Auth;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using Mediator;

namespace FinanceMatch.Api.Features.Products;

/// <summary>A draft or withdrawn product enters the catalogue; requests posted from now on are matched against it.</summary>
public static class PublishProduct
{
    public sealed record Command(Guid InstitutionId, Guid ProductId) : IRequest<ProductDto>;

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ProductDto>
    {
        public async ValueTask<ProductDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var product = await ProductAccess.FindOwnAsync(
                db,
                command.InstitutionId,
                command.ProductId,
                cancellationToken
            );
            product.Publish(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return product.ToDto();
        }
    }

    internal static async Task<ProductDto> Endpoint(Guid id, Caller caller, ISender sender, CancellationToken ct) =>
        await sender.Send(new Command(caller.SubjectId, id), ct);
}
