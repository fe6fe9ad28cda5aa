using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BanksPushLoanPerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "department_id",
                schema: "financematch",
                table: "feed_batches",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "institution_id",
                schema: "financematch",
                table: "feed_batches",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_institution_id_received_at",
                schema: "financematch",
                table: "feed_batches",
                columns: new[] { "institution_id", "received_at" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_feed_batches_one_owner",
                schema: "financematch",
                table: "feed_batches",
                sql: "num_nonnulls(department_id, institution_id) = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Banks' batches have no department: they go before department_id is required again (chunks and errors
            // with them), and the loans' reports keep their numbers without the batch id.
            migrationBuilder.Sql(
                """
                UPDATE financematch.loan_performance SET batch_id = NULL WHERE batch_id IN (SELECT id FROM financematch.feed_batches WHERE department_id IS NULL);
                DELETE FROM financematch.feed_batch_errors WHERE batch_id IN (SELECT id FROM financematch.feed_batches WHERE department_id IS NULL);
                DELETE FROM financematch.feed_batches WHERE department_id IS NULL;
                """
            );

            migrationBuilder.DropIndex(
                name: "ix_feed_batches_institution_id_received_at",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.DropCheckConstraint(
                name: "ck_feed_batches_one_owner",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.DropColumn(
                name: "institution_id",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.AlterColumn<Guid>(
                name: "department_id",
                schema: "financematch",
                table: "feed_batches",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
