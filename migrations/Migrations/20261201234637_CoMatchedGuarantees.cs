using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CoMatchedGuarantees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "guarantor_paid",
                schema: "financematch",
                table: "risk_claims",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "guarantee_coverage_ratio",
                schema: "financematch",
                table: "matches",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "guarantee_fee_rate",
                schema: "financematch",
                table: "matches",
                type: "numeric(7,4)",
                precision: 7,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "guarantee_id",
                schema: "financematch",
                table: "matches",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "guarantor_id",
                schema: "financematch",
                table: "matches",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "guarantee_id",
                schema: "financematch",
                table: "loans",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "committed",
                schema: "financematch",
                table: "guarantee_products",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "guarantees",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guarantee_product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    coverage_ratio = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    annual_fee_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    term_months = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    committed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    claimed_loss = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    claim_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    claim_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claim_decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guarantees", x => x.id);
                    table.CheckConstraint("ck_guarantees_committed_within_amount", "committed >= 0 AND committed <= amount");
                    table.ForeignKey(
                        name: "fk_guarantees_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guarantees_guarantee_products_guarantee_product_id",
                        column: x => x.guarantee_product_id,
                        principalSchema: "financematch",
                        principalTable: "guarantee_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guarantees_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guarantees_loan_requests_loan_request_id",
                        column: x => x.loan_request_id,
                        principalSchema: "financematch",
                        principalTable: "loan_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_guarantees_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "financematch",
                        principalTable: "loans",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_matches_guarantee_id",
                schema: "financematch",
                table: "matches",
                column: "guarantee_id");

            migrationBuilder.CreateIndex(
                name: "ix_matches_guarantor_id",
                schema: "financematch",
                table: "matches",
                column: "guarantor_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_guarantee_id",
                schema: "financematch",
                table: "loans",
                column: "guarantee_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_guarantee_products_committed",
                schema: "financematch",
                table: "guarantee_products",
                sql: "committed >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_enterprise_id",
                schema: "financematch",
                table: "guarantees",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_guarantee_product_id",
                schema: "financematch",
                table: "guarantees",
                column: "guarantee_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_institution_id_status_created_at",
                schema: "financematch",
                table: "guarantees",
                columns: new[] { "institution_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_loan_id",
                schema: "financematch",
                table: "guarantees",
                column: "loan_id");

            migrationBuilder.CreateIndex(
                name: "ix_guarantees_loan_request_id",
                schema: "financematch",
                table: "guarantees",
                column: "loan_request_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_loans_guarantees_guarantee_id",
                schema: "financematch",
                table: "loans",
                column: "guarantee_id",
                principalSchema: "financematch",
                principalTable: "guarantees",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_matches_guarantees_guarantee_id",
                schema: "financematch",
                table: "matches",
                column: "guarantee_id",
                principalSchema: "financematch",
                principalTable: "guarantees",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_matches_institutions_guarantor_id",
                schema: "financematch",
                table: "matches",
                column: "guarantor_id",
                principalSchema: "financematch",
                principalTable: "institutions",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_loans_guarantees_guarantee_id",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropForeignKey(
                name: "fk_matches_guarantees_guarantee_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropForeignKey(
                name: "fk_matches_institutions_guarantor_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropTable(
                name: "guarantees",
                schema: "financematch");

            migrationBuilder.DropIndex(
                name: "ix_matches_guarantee_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropIndex(
                name: "ix_matches_guarantor_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropIndex(
                name: "ix_loans_guarantee_id",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_guarantee_products_committed",
                schema: "financematch",
                table: "guarantee_products");

            migrationBuilder.DropColumn(
                name: "guarantor_paid",
                schema: "financematch",
                table: "risk_claims");

            migrationBuilder.DropColumn(
                name: "guarantee_coverage_ratio",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "guarantee_fee_rate",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "guarantee_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "guarantor_id",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "guarantee_id",
                schema: "financematch",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "committed",
                schema: "financematch",
                table: "guarantee_products");
        }
    }
}
