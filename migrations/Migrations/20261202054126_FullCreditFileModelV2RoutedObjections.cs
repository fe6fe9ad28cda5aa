using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class FullCreditFileModelV2RoutedObjections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_objections_department_id",
                schema: "financematch",
                table: "objections");

            migrationBuilder.DropPrimaryKey(
                name: "pk_credit_profile_history",
                schema: "financematch",
                table: "credit_profile_history");

            migrationBuilder.AddColumn<DateOnly>(
                name: "publicity_ends_on",
                schema: "financematch",
                table: "penalty_records",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "repaired_on",
                schema: "financematch",
                table: "penalty_records",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "closed_by",
                schema: "financematch",
                table: "objections",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "correction_promised_at",
                schema: "financematch",
                table: "objections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "caps",
                schema: "financematch",
                table: "credit_profiles",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<bool>(
                name: "open_seizure",
                schema: "financematch",
                table: "credit_profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "registration_abnormal",
                schema: "financematch",
                table: "credit_profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddPrimaryKey(
                name: "pk_credit_profile_history",
                schema: "financematch",
                table: "credit_profile_history",
                columns: new[] { "uscc", "computed_at", "model_version" });

            migrationBuilder.CreateTable(
                name: "model_switch_overs",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    done = table.Column<int>(type: "integer", nullable: false),
                    last_uscc = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_switch_overs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registration_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    entry_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    record = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    legal_representative = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    established_on = table.Column<DateOnly>(type: "date", nullable: true),
                    registered_capital = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    listed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    removed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registration_records", x => new { x.uscc, x.entry_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_objections_department_id_status_created_at",
                schema: "financematch",
                table: "objections",
                columns: new[] { "department_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_model_switch_overs_started_at",
                schema: "financematch",
                table: "model_switch_overs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ux_model_switch_overs_one_running",
                schema: "financematch",
                table: "model_switch_overs",
                column: "status",
                unique: true,
                filter: "status = 'Running'");

            migrationBuilder.CreateIndex(
                name: "ix_registration_records_batch_id",
                schema: "financematch",
                table: "registration_records",
                column: "batch_id");

            // A deployment that already scored firms keeps the version it scored with until an operator switches over;
            // a new deployment (no profiles yet) starts on the newest version.
            migrationBuilder.Sql(
                """
                INSERT INTO financematch.model_switch_overs (id, from_version, to_version, status, total, done, requested_by, started_at, finished_at)
                SELECT gen_random_uuid(), NULL, '2026.2', 'Completed', 0, 0, 'migration', now(), now()
                WHERE EXISTS (SELECT 1 FROM financematch.credit_profiles)
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_switch_overs",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "registration_records",
                schema: "financematch");

            migrationBuilder.DropIndex(
                name: "ix_objections_department_id_status_created_at",
                schema: "financematch",
                table: "objections");

            migrationBuilder.DropPrimaryKey(
                name: "pk_credit_profile_history",
                schema: "financematch",
                table: "credit_profile_history");

            migrationBuilder.DropColumn(
                name: "publicity_ends_on",
                schema: "financematch",
                table: "penalty_records");

            migrationBuilder.DropColumn(
                name: "repaired_on",
                schema: "financematch",
                table: "penalty_records");

            migrationBuilder.DropColumn(
                name: "closed_by",
                schema: "financematch",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "correction_promised_at",
                schema: "financematch",
                table: "objections");

            migrationBuilder.DropColumn(
                name: "caps",
                schema: "financematch",
                table: "credit_profiles");

            migrationBuilder.DropColumn(
                name: "open_seizure",
                schema: "financematch",
                table: "credit_profiles");

            migrationBuilder.DropColumn(
                name: "registration_abnormal",
                schema: "financematch",
                table: "credit_profiles");

            migrationBuilder.AddPrimaryKey(
                name: "pk_credit_profile_history",
                schema: "financematch",
                table: "credit_profile_history",
                columns: new[] { "uscc", "computed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_objections_department_id",
                schema: "financematch",
                table: "objections",
                column: "department_id");
        }
    }
}
