using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DemandHallAndPurposeCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "hall_matches",
                schema: "financematch",
                table: "loan_requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "purpose_category",
                schema: "financematch",
                table: "loan_requests",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.CreateTable(
                name: "demand_hall_interests",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    match_id = table.Column<Guid>(type: "uuid", nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_demand_hall_interests", x => x.id);
                    table.ForeignKey(
                        name: "fk_demand_hall_interests_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_demand_hall_interests_loan_requests_loan_request_id",
                        column: x => x.loan_request_id,
                        principalSchema: "financematch",
                        principalTable: "loan_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_demand_hall_interests_products_product_id",
                        column: x => x.product_id,
                        principalSchema: "financematch",
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_demand_hall_interests_institution_id_created_at",
                schema: "financematch",
                table: "demand_hall_interests",
                columns: new[] { "institution_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_demand_hall_interests_loan_request_id_institution_id",
                schema: "financematch",
                table: "demand_hall_interests",
                columns: new[] { "loan_request_id", "institution_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_demand_hall_interests_product_id",
                schema: "financematch",
                table: "demand_hall_interests",
                column: "product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "demand_hall_interests",
                schema: "financematch");

            migrationBuilder.DropColumn(
                name: "hall_matches",
                schema: "financematch",
                table: "loan_requests");

            migrationBuilder.DropColumn(
                name: "purpose_category",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
