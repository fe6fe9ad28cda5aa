using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;

namespace FinanceMatch.Api.Features.Products;

/// <summary>An edit replaces every term and makes a new version; matches made from earlier versions keep theirs.</summary>
public static class UpdateProduct
{
    public sealed record Command(Guid InstitutionId, Guid ProductId, ProductBody Terms) : IRequest<ProductDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Terms).MustBeValidBody(new ProductRequestValidator());
    }

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
            var terms = command.Terms.ToTerms();
            await ProductAccess.EnsureListsSharedAsync(db, command.InstitutionId, terms, cancellationToken);
            db.ProductVersions.Add(product.Revise(terms, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return product.ToDto();
        }
    }

    internal static async Task<ProductDto> Endpoint(
        Guid id,
        ProductBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    ) => await sender.Send(new Command(caller.SubjectId, id, body), ct);
}
