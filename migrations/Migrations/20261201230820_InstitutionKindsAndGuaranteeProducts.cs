using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InstitutionKindsAndGuaranteeProducts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kind",
                schema: "financematch",
                table: "institutions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Bank"); // every institution onboarded so far lends

            migrationBuilder.CreateTable(
                name: "guarantee_products",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    terms = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guarantee_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_guarantee_products_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_guarantee_products_institution_id",
                schema: "financematch",
                table: "guarantee_products",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_guarantee_products_status_institution_id",
                schema: "financematch",
                table: "guarantee_products",
                columns: new[] { "status", "institution_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guarantee_products",
                schema: "financematch");

            migrationBuilder.DropColumn(
                name: "kind",
                schema: "financematch",
                table: "institutions");
        }
    }
}
