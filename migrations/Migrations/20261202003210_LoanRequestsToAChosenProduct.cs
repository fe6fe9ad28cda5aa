using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LoanRequestsToAChosenProduct : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "product_id",
                schema: "financematch",
                table: "loan_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_product_id",
                schema: "financematch",
                table: "loan_requests",
                column: "product_id");

            migrationBuilder.AddForeignKey(
                name: "fk_loan_requests_products_product_id",
                schema: "financematch",
                table: "loan_requests",
                column: "product_id",
                principalSchema: "financematch",
                principalTable: "products",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_loan_requests_products_product_id",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropIndex(
                name: "ix_loan_requests_product_id",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropColumn(
                name: "product_id",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
