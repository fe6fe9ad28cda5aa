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
