using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DemandHallIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "hall_id",
                schema: "financematch",
                table: "loan_requests",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_hall_id",
                schema: "financematch",
                table: "loan_requests",
                column: "hall_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loan_requests_hall_id",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropColumn(
                name: "hall_id",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
