using FinanceMatch.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FinanceMatch.Migrations;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the API; no database is needed to add a migration.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FinanceMatchDbContext>
{
    public FinanceMatchDbContext CreateDbContext(string[] args)
    {
        var connectionString =
            Environment.GetEnvironmentVariable("ConnectionStrings__FinanceMatch")
            ?? "Host=127.0.0.1;Port=55432;Database=financematch;Username=postgres";
        var options = new DbContextOptionsBuilder<FinanceMatchDbContext>();
        FinanceMatchDbContext.Configure(options, connectionString);
        return new FinanceMatchDbContext(options.Options);
    }
}
