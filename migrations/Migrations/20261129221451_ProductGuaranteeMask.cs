using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProductGuaranteeMask : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "guarantee_mask",
                schema: "financematch",
                table: "products",
                type: "integer",
                nullable: false,
                computedColumnSql: "CASE WHEN 'Credit' = ANY (guarantee_types) THEN 1 ELSE 0 END | CASE WHEN 'Mortgage' = ANY (guarantee_types) THEN 2 ELSE 0 END | CASE WHEN 'Guarantee' = ANY (guarantee_types) THEN 4 ELSE 0 END | CASE WHEN 'Pledge' = ANY (guarantee_types) THEN 8 ELSE 0 END",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "guarantee_mask",
                schema: "financematch",
                table: "products");
        }
    }
}
