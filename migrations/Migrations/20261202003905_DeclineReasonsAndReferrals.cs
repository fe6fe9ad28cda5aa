using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DeclineReasonsAndReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "decline_reason_code",
                schema: "financematch",
                table: "matches",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "referrals",
                schema: "financematch",
                table: "loan_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "referred_at",
                schema: "financematch",
                table: "loan_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_referred",
                schema: "financematch",
                table: "loan_requests",
                column: "created_at",
                filter: "referred_at IS NOT NULL");
            // Declines made before codes existed said why in words only: their code is "other".
            migrationBuilder.Sql(
                "UPDATE financematch.matches SET decline_reason_code = 'Other' WHERE status = 'Declined' AND decline_reason_code IS NULL;"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loan_requests_referred",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropColumn(
                name: "decline_reason_code",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "referrals",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropColumn(
                name: "referred_at",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
