using System.Security.Claims;
using FinanceMatch.Api.Auth;
using FinanceMatch.Api.Infrastructure;
using FinanceMatch.Client.Contracts;
using FinanceMatch.Core.Common;
using FinanceMatch.Core.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace FinanceMatch.Api.Features.Products;

/// <summary>A bank's own product, tracked for a change; another bank's is not found.</summary>
internal static class OwnProducts
{
    public static async Task<Core.Products.Product> FindAsync(FinanceMatchDbContext db, Guid institutionId, Guid productId, CancellationToken ct) =>
        await db.Products.SingleOrDefaultAsync(p => p.Id == productId && p.InstitutionId == institutionId, ct)
        ?? throw new NotFoundException("This institution has no product with this id.");
}
