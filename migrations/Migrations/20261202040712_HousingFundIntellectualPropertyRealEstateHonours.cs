using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class HousingFundIntellectualPropertyRealEstateHonours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "feed_type",
                schema: "financematch",
                table: "objections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(16)",
                oldMaxLength: 16);

            migrationBuilder.CreateTable(
                name: "honour_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    granted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honour_records", x => new { x.uscc, x.kind, x.granted_on });
                });

            migrationBuilder.CreateTable(
                name: "housing_fund_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    contributing_employees = table.Column<int>(type: "integer", nullable: false),
                    amount_paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    arrears = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_housing_fund_records", x => new { x.uscc, x.period });
                });

            migrationBuilder.CreateTable(
                name: "intellectual_property_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    granted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_intellectual_property_records", x => new { x.uscc, x.number });
                });

            migrationBuilder.CreateTable(
                name: "real_estate_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    certificate_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    registered_on = table.Column<DateOnly>(type: "date", nullable: false),
                    released_on = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_real_estate_records", x => new { x.uscc, x.certificate_no, x.kind });
                });

            migrationBuilder.CreateIndex(
                name: "ix_honour_records_batch_id",
                schema: "financematch",
                table: "honour_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_housing_fund_records_batch_id",
                schema: "financematch",
                table: "housing_fund_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_intellectual_property_records_batch_id",
                schema: "financematch",
                table: "intellectual_property_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_real_estate_records_batch_id",
                schema: "financematch",
                table: "real_estate_records",
                column: "batch_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "honour_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "housing_fund_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "intellectual_property_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "real_estate_records",
                schema: "financematch");

            migrationBuilder.AlterColumn<string>(
                name: "feed_type",
                schema: "financematch",
                table: "objections",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);
        }
    }
}
