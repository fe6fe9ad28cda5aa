using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using DomainInstitutionKind = FinanceMatch.Core.Institutions.InstitutionKind;
using DomainProduct = FinanceMatch.Core.Products.Product;

namespace FinanceMatch.Api.Features.Products;

public static class CreateProduct
{
    public sealed record Command(Guid InstitutionId, ProductBody Terms) : IRequest<ProductDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Terms).MustBeValidBody(new ProductRequestValidator());
    }

    public sealed class Handler(FinanceMatchDbContext db, TimeProvider clock) : IRequestHandler<Command, ProductDto>
    {
        public async ValueTask<ProductDto> Handle(Command command, CancellationToken cancellationToken)
        {
            var lends = await db
                .Institutions.Where(i => i.Id == command.InstitutionId)
                .Select(i => i.Kind == DomainInstitutionKind.Bank)
                .SingleOrDefaultAsync(cancellationToken);
            if (!lends)
                throw new ForbiddenException(
                    "Loan products are published by banks; guarantors and insurers publish guarantee products."
                );
            var terms = command.Terms.ToTerms();
            await ProductAccess.EnsureListsSharedAsync(db, command.InstitutionId, terms, cancellationToken);
            var (product, version) = DomainProduct.Create(command.InstitutionId, terms, clock.GetUtcNow());
            db.Products.Add(product);
            db.ProductVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            return product.ToDto();
        }
    }

    internal static async Task<Created<ProductDto>> Endpoint(
        ProductBody body,
        Caller caller,
        ISender sender,
        CancellationToken ct
    )
    {
        var product = await sender.Send(new Command(caller.SubjectId, body), ct);
        return TypedResults.Created($"/api/v1/products/{product.Id}", product);
    }
}
