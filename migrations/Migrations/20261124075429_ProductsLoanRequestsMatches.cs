using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProductsLoanRequestsMatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "loan_requests",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    term_months = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    guarantee_types = table.Column<string[]>(type: "text[]", nullable: false),
                    max_annual_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    consent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_loan_requests_consents_consent_id",
                        column: x => x.consent_id,
                        principalSchema: "financematch",
                        principalTable: "consents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_loan_requests_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    min_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    max_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    min_term_months = table.Column<int>(type: "integer", nullable: false),
                    max_term_months = table.Column<int>(type: "integer", nullable: false),
                    min_annual_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    max_annual_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    guarantee_types = table.Column<string[]>(type: "text[]", nullable: false),
                    division_prefixes = table.Column<List<string>>(type: "text[]", nullable: false),
                    industry_include = table.Column<List<string>>(type: "text[]", nullable: false),
                    industry_exclude = table.Column<List<string>>(type: "text[]", nullable: false),
                    min_grade = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    min_score = table.Column<int>(type: "integer", nullable: true),
                    min_years_in_operation = table.Column<double>(type: "double precision", nullable: true),
                    min_annual_tax_paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    min_insured_employees = table.Column<int>(type: "integer", nullable: true),
                    exclude_dishonest_debtors = table.Column<bool>(type: "boolean", nullable: false),
                    exclude_serious_penalties_months = table.Column<int>(type: "integer", nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "product_versions",
                schema: "financematch",
                columns: table => new
                {
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    terms = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_product_versions", x => new { x.product_id, x.version });
                    table.ForeignKey(
                        name: "fk_product_versions_products_product_id",
                        column: x => x.product_id,
                        principalSchema: "financematch",
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "matches",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_version = table.Column<int>(type: "integer", nullable: false),
                    product_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    fit_score = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<string>(type: "jsonb", nullable: false),
                    fit = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    approved_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    annual_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    term_months = table.Column<int>(type: "integer", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    disbursed_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    disbursed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matches", x => x.id);
                    table.ForeignKey(
                        name: "fk_matches_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_matches_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_matches_loan_requests_loan_request_id",
                        column: x => x.loan_request_id,
                        principalSchema: "financematch",
                        principalTable: "loan_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_matches_product_versions_product_id_product_version",
                        columns: x => new { x.product_id, x.product_version },
                        principalSchema: "financematch",
                        principalTable: "product_versions",
                        principalColumns: new[] { "product_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_awaiting_matching",
                schema: "financematch",
                table: "loan_requests",
                column: "created_at",
                filter: "status = 'Matching'");

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_consent_id",
                schema: "financematch",
                table: "loan_requests",
                column: "consent_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loan_requests_enterprise_id_created_at",
                schema: "financematch",
                table: "loan_requests",
                columns: new[] { "enterprise_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_matches_enterprise_id_created_at",
                schema: "financematch",
                table: "matches",
                columns: new[] { "enterprise_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_matches_institution_id_status_created_at",
                schema: "financematch",
                table: "matches",
                columns: new[] { "institution_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_matches_loan_request_id_product_id",
                schema: "financematch",
                table: "matches",
                columns: new[] { "loan_request_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_matches_pending_since",
                schema: "financematch",
                table: "matches",
                column: "created_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_matches_product_id_product_version",
                schema: "financematch",
                table: "matches",
                columns: new[] { "product_id", "product_version" });

            migrationBuilder.CreateIndex(
                name: "ux_matches_one_accepted_offer_per_request",
                schema: "financematch",
                table: "matches",
                column: "loan_request_id",
                unique: true,
                filter: "status IN ('Accepted', 'Disbursed')");

            migrationBuilder.CreateIndex(
                name: "ix_products_institution_id_created_at",
                schema: "financematch",
                table: "products",
                columns: new[] { "institution_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_products_published_ranges",
                schema: "financematch",
                table: "products",
                columns: new[] { "min_amount", "max_amount", "min_term_months", "max_term_months" },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_products_tags",
                schema: "financematch",
                table: "products",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "matches",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "loan_requests",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "product_versions",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "products",
                schema: "financematch");
        }
    }
}
