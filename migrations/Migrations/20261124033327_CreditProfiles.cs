using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CreditProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credit_profile_history",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: true),
                    grade = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    model_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_profile_history", x => new { x.uscc, x.computed_at });
                });

            migrationBuilder.CreateTable(
                name: "credit_profiles",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rated = table.Column<bool>(type: "boolean", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: true),
                    grade = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    model_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    tax_months = table.Column<int>(type: "integer", nullable: false),
                    social_security_months = table.Column<int>(type: "integer", nullable: false),
                    utility_months = table.Column<int>(type: "integer", nullable: false),
                    dishonest_debtor = table.Column<bool>(type: "boolean", nullable: false),
                    serious_penalty_last36months = table.Column<bool>(type: "boolean", nullable: false),
                    tax_arrears = table.Column<bool>(type: "boolean", nullable: false),
                    social_security_arrears = table.Column<bool>(type: "boolean", nullable: false),
                    utility_overdue = table.Column<bool>(type: "boolean", nullable: false),
                    tax_paid_last12months = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    insured_employees_latest = table.Column<int>(type: "integer", nullable: true),
                    dimensions = table.Column<string>(type: "jsonb", nullable: false),
                    factors = table.Column<string>(type: "jsonb", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_profiles", x => x.uscc);
                });

            migrationBuilder.CreateTable(
                name: "pending_job_triggers",
                schema: "financematch",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pending_job_triggers", x => x.name);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credit_profiles_enterprise_id",
                schema: "financematch",
                table: "credit_profiles",
                column: "enterprise_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_profiles_grade",
                schema: "financematch",
                table: "credit_profiles",
                column: "grade");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_profile_history",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "credit_profiles",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "pending_job_triggers",
                schema: "financematch");
        }
    }
}
