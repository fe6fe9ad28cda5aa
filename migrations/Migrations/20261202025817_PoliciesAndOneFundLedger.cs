using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class PoliciesAndOneFundLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<Guid>>(
                name: "policy_ids",
                schema: "financematch",
                table: "matches",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.AddColumn<List<Guid>>(
                name: "policy_ids",
                schema: "financematch",
                table: "loans",
                type: "uuid[]",
                nullable: false,
                defaultValueSql: "'{}'::uuid[]");

            migrationBuilder.CreateTable(
                name: "policies",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    subsidy_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    subsidy_months = table.Column<int>(type: "integer", nullable: true),
                    bonus_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    cap_per_loan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    eligibility = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policies", x => x.id);
                    table.CheckConstraint("ck_policies_never_over_committed", "reserved >= 0 AND paid >= 0 AND reserved + paid <= budget");
                    table.ForeignKey(
                        name: "fk_policies_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fund_ledger",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: true),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_ledger", x => x.id);
                    table.CheckConstraint("ck_fund_ledger_one_fund", "num_nonnulls(programme_id, policy_id) = 1");
                    table.CheckConstraint("ck_fund_ledger_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_fund_ledger_policies_policy_id",
                        column: x => x.policy_id,
                        principalSchema: "financematch",
                        principalTable: "policies",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_fund_ledger_risk_programmes_programme_id",
                        column: x => x.programme_id,
                        principalSchema: "financematch",
                        principalTable: "risk_programmes",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "policy_enrolments",
                schema: "financematch",
                columns: table => new
                {
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entitlement = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    claimed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_enrolments", x => new { x.loan_id, x.policy_id });
                    table.CheckConstraint("ck_policy_enrolments_within_entitlement", "reserved >= 0 AND claimed >= 0 AND reserved + claimed <= entitlement");
                    table.ForeignKey(
                        name: "fk_policy_enrolments_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "financematch",
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_enrolments_policies_policy_id",
                        column: x => x.policy_id,
                        principalSchema: "financematch",
                        principalTable: "policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_claims",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    months_paid = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_subsidy_claims_policy_enrolments_loan_id_policy_id",
                        columns: x => new { x.loan_id, x.policy_id },
                        principalSchema: "financematch",
                        principalTable: "policy_enrolments",
                        principalColumns: new[] { "loan_id", "policy_id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fund_ledger_policy_id_id",
                schema: "financematch",
                table: "fund_ledger",
                columns: new[] { "policy_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_ledger_programme_id_id",
                schema: "financematch",
                table: "fund_ledger",
                columns: new[] { "programme_id", "id" });

            // The risk programmes' ledger becomes the one fund ledger, its entries and ids kept.
            migrationBuilder.Sql(
                """
                INSERT INTO financematch.fund_ledger (id, programme_id, loan_id, claim_id, kind, amount, at)
                OVERRIDING SYSTEM VALUE
                SELECT id, programme_id, loan_id, claim_id, kind, amount, at FROM financematch.risk_ledger;
                SELECT setval(pg_get_serial_sequence('financematch.fund_ledger', 'id'), coalesce(max(id), 0) + 1, false)
                FROM financematch.fund_ledger;
                DROP TABLE financematch.risk_ledger;
                """
            );

            migrationBuilder.CreateIndex(
                name: "ix_policies_department_id",
                schema: "financematch",
                table: "policies",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_policies_valid_from_valid_to",
                schema: "financematch",
                table: "policies",
                columns: new[] { "valid_from", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_policy_enrolments_policy_id_status",
                schema: "financematch",
                table: "policy_enrolments",
                columns: new[] { "policy_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_claims_institution_id",
                schema: "financematch",
                table: "subsidy_claims",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_subsidy_claims_policy_id_status",
                schema: "financematch",
                table: "subsidy_claims",
                columns: new[] { "policy_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_subsidy_claims_one_open_claim",
                schema: "financematch",
                table: "subsidy_claims",
                columns: new[] { "loan_id", "policy_id" },
                unique: true,
                filter: "status = 'Submitted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fund_ledger",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "subsidy_claims",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "policy_enrolments",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "policies",
                schema: "financematch");

            migrationBuilder.DropColumn(
                name: "policy_ids",
                schema: "financematch",
                table: "matches");

            migrationBuilder.DropColumn(
                name: "policy_ids",
                schema: "financematch",
                table: "loans");

            migrationBuilder.CreateTable(
                name: "risk_ledger",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_ledger", x => x.id);
                    table.CheckConstraint("ck_risk_ledger_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_risk_ledger_risk_programmes_programme_id",
                        column: x => x.programme_id,
                        principalSchema: "financematch",
                        principalTable: "risk_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_risk_ledger_programme_id_id",
                schema: "financematch",
                table: "risk_ledger",
                columns: new[] { "programme_id", "id" });
        }
    }
}
