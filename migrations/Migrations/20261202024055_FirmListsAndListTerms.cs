using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FirmListsAndListTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "discount_lists",
                schema: "financematch",
                table: "products",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "eligible_lists",
                schema: "financematch",
                table: "products",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<decimal>(
                name: "list_rate_discount",
                schema: "financematch",
                table: "products",
                type: "numeric(7,4)",
                precision: 7,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "list_id",
                schema: "financematch",
                table: "feed_batches",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "list_replace",
                schema: "financematch",
                table: "feed_batches",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "lists",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    shared_with_all_banks = table.Column<bool>(type: "boolean", nullable: false),
                    shared_with = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    member_count = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lists", x => x.id);
                    table.ForeignKey(
                        name: "fk_lists_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "list_members",
                schema: "financematch",
                columns: table => new
                {
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_list_members", x => new { x.list_id, x.uscc });
                    table.ForeignKey(
                        name: "fk_list_members_lists_list_id",
                        column: x => x.list_id,
                        principalSchema: "financematch",
                        principalTable: "lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "list_subscriptions",
                schema: "financematch",
                columns: table => new
                {
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_list_subscriptions", x => new { x.list_id, x.institution_id });
                    table.ForeignKey(
                        name: "fk_list_subscriptions_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_list_subscriptions_lists_list_id",
                        column: x => x.list_id,
                        principalSchema: "financematch",
                        principalTable: "lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_products_list_terms",
                schema: "financematch",
                table: "products",
                sql: "(list_rate_discount IS NULL) = (cardinality(discount_lists) = 0) AND (list_rate_discount IS NULL OR list_rate_discount < min_annual_rate)");

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_list_id_received_at",
                schema: "financematch",
                table: "feed_batches",
                columns: new[] { "list_id", "received_at" },
                filter: "list_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_list_members_uscc",
                schema: "financematch",
                table: "list_members",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_list_subscriptions_institution_id",
                schema: "financematch",
                table: "list_subscriptions",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_lists_department_id_created_at",
                schema: "financematch",
                table: "lists",
                columns: new[] { "department_id", "created_at" });

            migrationBuilder.AddForeignKey(
                name: "fk_feed_batches_lists_list_id",
                schema: "financematch",
                table: "feed_batches",
                column: "list_id",
                principalSchema: "financematch",
                principalTable: "lists",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_feed_batches_lists_list_id",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.DropTable(
                name: "list_members",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "list_subscriptions",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "lists",
                schema: "financematch");

            migrationBuilder.DropCheckConstraint(
                name: "ck_products_list_terms",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropIndex(
                name: "ix_feed_batches_list_id_received_at",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.DropColumn(
                name: "discount_lists",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "eligible_lists",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "list_rate_discount",
                schema: "financematch",
                table: "products");

            migrationBuilder.DropColumn(
                name: "list_id",
                schema: "financematch",
                table: "feed_batches");

            migrationBuilder.DropColumn(
                name: "list_replace",
                schema: "financematch",
                table: "feed_batches");
        }
    }
}
