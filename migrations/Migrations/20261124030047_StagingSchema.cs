using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class StagingSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Per-batch unlogged staging tables live here, created and dropped inside each batch's transaction.
            migrationBuilder.Sql("CREATE SCHEMA IF NOT EXISTS financematch_staging;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA IF EXISTS financematch_staging CASCADE;");
        }
    }
}
