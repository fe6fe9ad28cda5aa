using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LoanGuaranteeType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "guarantee_type",
                schema: "financematch",
                table: "loans",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            // Loans recorded before: credit when the request accepted it (every product the matcher offered it allows
            // the request's types), else the first type the request named.
            migrationBuilder.Sql(
                """
                UPDATE financematch.loans l
                SET guarantee_type = CASE WHEN 'Credit' = ANY (r.guarantee_types) THEN 'Credit' ELSE coalesce(r.guarantee_types[1], 'Credit') END
                FROM financematch.loan_requests r
                WHERE r.id = l.loan_request_id AND l.guarantee_type = ''
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "guarantee_type",
                schema: "financematch",
                table: "loans");
        }
    }
}
