using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <summary>
    /// The plain index on loan_requests.created_at the model always meant to have: EF had merged it into the partial index
    /// of requests awaiting matching, so statistics refreshes by posting day scanned another index whole.
    /// </summary>
    public partial class LoanRequestPostingDayIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_created_at",
                schema: "financematch",
                table: "loan_requests",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_loan_requests_created_at",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
