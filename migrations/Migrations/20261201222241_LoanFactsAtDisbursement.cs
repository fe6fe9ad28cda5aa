using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LoanFactsAtDisbursement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                schema: "financematch",
                table: "loans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "division_code",
                schema: "financematch",
                table: "loans",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "industry_code",
                schema: "financematch",
                table: "loans",
                type: "character varying(5)",
                maxLength: 5,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "product_name",
                schema: "financematch",
                table: "loans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "requested_at",
                schema: "financematch",
                table: "loans",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Loans recorded before: the facts as the match, the request and the firm hold them now.
            migrationBuilder.Sql(
                """
                UPDATE financematch.loans l
                SET product_name = m.product_name, approved_at = m.approved_at, requested_at = r.created_at,
                    division_code = e.division_code, industry_code = e.industry_code
                FROM financematch.matches m, financematch.loan_requests r, financematch.enterprises e
                WHERE m.id = l.id AND r.id = l.loan_request_id AND e.id = l.enterprise_id
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approved_at",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "division_code",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "industry_code",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "product_name",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "requested_at",
                schema: "financematch",
                table: "loans");
        }
    }
}
