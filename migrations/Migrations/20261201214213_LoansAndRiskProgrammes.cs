using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class LoansAndRiskProgrammes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "loans",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_id = table.Column<Guid>(type: "uuid", nullable: false),
                    product_version = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    annual_rate = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: false),
                    term_months = table.Column<int>(type: "integer", nullable: false),
                    disbursed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    first_loan = table.Column<bool>(type: "boolean", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: true),
                    grade = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    model_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    principal_outstanding = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    overdue_days = table.Column<int>(type: "integer", nullable: false),
                    last_period = table.Column<DateOnly>(type: "date", nullable: true),
                    defaulted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans", x => x.id);
                    table.ForeignKey(
                        name: "fk_loans_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_loans_institutions_institution_id",
                        column: x => x.institution_id,
                        principalSchema: "financematch",
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_loans_matches_id",
                        column: x => x.id,
                        principalSchema: "financematch",
                        principalTable: "matches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_programmes",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    coverage_ratio = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    cap_per_loan = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    claim_window_days = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    eligibility = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_programmes", x => x.id);
                    table.CheckConstraint("ck_risk_programmes_never_over_committed", "reserved >= 0 AND paid >= 0 AND reserved + paid <= budget");
                    table.ForeignKey(
                        name: "fk_risk_programmes_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loan_performance",
                schema: "financematch",
                columns: table => new
                {
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    principal_outstanding = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    overdue_days = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_performance", x => new { x.loan_id, x.period });
                    table.ForeignKey(
                        name: "fk_loan_performance_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "financematch",
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_claims",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    institution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    loss = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_claims_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "financematch",
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_risk_claims_risk_programmes_programme_id",
                        column: x => x.programme_id,
                        principalSchema: "financematch",
                        principalTable: "risk_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_enrolments",
                schema: "financematch",
                columns: table => new
                {
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    exposure = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reserved = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    enrolled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_enrolments", x => x.loan_id);
                    table.ForeignKey(
                        name: "fk_risk_enrolments_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "financematch",
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_risk_enrolments_risk_programmes_programme_id",
                        column: x => x.programme_id,
                        principalSchema: "financematch",
                        principalTable: "risk_programmes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_ledger",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claim_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "ix_loans_disbursed_on",
                schema: "financematch",
                table: "loans",
                column: "disbursed_on");

            migrationBuilder.CreateIndex(
                name: "ix_loans_enterprise_id",
                schema: "financematch",
                table: "loans",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_institution_id_status",
                schema: "financematch",
                table: "loans",
                columns: new[] { "institution_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_claims_institution_id",
                schema: "financematch",
                table: "risk_claims",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_risk_claims_programme_id_status",
                schema: "financematch",
                table: "risk_claims",
                columns: new[] { "programme_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_risk_claims_one_live_claim_per_loan",
                schema: "financematch",
                table: "risk_claims",
                column: "loan_id",
                unique: true,
                filter: "status IN ('Submitted', 'Approved')");

            migrationBuilder.CreateIndex(
                name: "ix_risk_enrolments_programme_id_status",
                schema: "financematch",
                table: "risk_enrolments",
                columns: new[] { "programme_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_ledger_programme_id_id",
                schema: "financematch",
                table: "risk_ledger",
                columns: new[] { "programme_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_programmes_department_id",
                schema: "financematch",
                table: "risk_programmes",
                column: "department_id");

            // Matches disbursed before loans existed become loans repaying their whole amount, rated as the firm was
            // when it posted the request (the score of that moment was not kept); their banks report from now on.
            migrationBuilder.Sql(
                """
                INSERT INTO financematch.loans (id, loan_request_id, enterprise_id, institution_id, product_id, product_version,
                    amount, annual_rate, term_months, disbursed_on, first_loan, score, grade, model_version, status,
                    principal_outstanding, overdue_days, created_at, updated_at)
                SELECT m.id, m.loan_request_id, m.enterprise_id, m.institution_id, m.product_id, m.product_version,
                    m.disbursed_amount, coalesce(m.annual_rate, 0), coalesce(m.term_months, 0), m.disbursed_on, false, NULL,
                    r.grade_when_posted, NULL, 'Repaying', m.disbursed_amount, 0, m.updated_at, m.updated_at
                FROM financematch.matches m JOIN financematch.loan_requests r ON r.id = m.loan_request_id
                WHERE m.status = 'Disbursed' AND m.disbursed_amount IS NOT NULL AND m.disbursed_on IS NOT NULL
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "loan_performance",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "risk_claims",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "risk_enrolments",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "risk_ledger",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "loans",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "risk_programmes",
                schema: "financematch");
        }
    }
}
