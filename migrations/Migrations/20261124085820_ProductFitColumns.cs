using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProductFitColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "fit_price_points",
                schema: "financematch",
                table: "products",
                type: "integer",
                nullable: false,
                computedColumnSql: "financematch.fit_points(40, financematch.fit_clamp(((12 - min_annual_rate) / 9)::double precision))",
                stored: true);

            migrationBuilder.AddColumn<double>(
                name: "log_max_amount",
                schema: "financematch",
                table: "products",
                type: "double precision",
                nullable: false,
                computedColumnSql: "ln(max_amount::double precision)",
                stored: true);

            migrationBuilder.AddColumn<double>(
                name: "log_min_amount",
                schema: "financematch",
                table: "products",
                type: "double precision",
                nullable: false,
                computedColumnSql: "ln(min_amount::double precision)",
                stored: true);

            migrationBuilder.AddColumn<double>(
                name: "min_annual_tax_paid_as_double",
                schema: "financematch",
                table: "products",
                type: "double precision",
                nullable: true,
                computedColumnSql: "min_annual_tax_paid::double precision",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "fit_price_points",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "log_max_amount",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "log_min_amount",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "min_annual_tax_paid_as_double",
                schema: "financematch",
                table: "products");
        }
    }
}
