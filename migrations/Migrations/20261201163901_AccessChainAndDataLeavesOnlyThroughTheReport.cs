using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AccessChainAndDataLeavesOnlyThroughTheReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_report_accesses_consents_consent_id",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.AlterColumn<string>(
                name: "purpose",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<Guid>(
                name: "institution_id",
                schema: "financematch",
                table: "report_accesses",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "consent_id",
                schema: "financematch",
                table: "report_accesses",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "actor_role",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "hash",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "operator_client_id",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "position",
                schema: "financematch",
                table: "report_accesses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Records from before the chain: numbered in time order, marked as banks' reads, hashed at the next start-up
            // (ChainLegacyAccessRecords: the hash is computed from the values as the API returns them, which is C#'s to say).
            migrationBuilder.Sql("""
                UPDATE financematch.report_accesses r SET actor_role = 'Bank', position = x.n
                FROM (SELECT id, row_number() OVER (PARTITION BY enterprise_id ORDER BY accessed_at, id) AS n FROM financematch.report_accesses) x
                WHERE x.id = r.id
                """);

            migrationBuilder.CreateTable(
                name: "report_access_chains",
                schema: "financematch",
                columns: table => new
                {
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    length = table.Column<int>(type: "integer", nullable: false),
                    last_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_access_chains", x => x.enterprise_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_accesses_enterprise_id_position",
                schema: "financematch",
                table: "report_accesses",
                columns: new[] { "enterprise_id", "position" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_report_accesses_consents_consent_id",
                schema: "financematch",
                table: "report_accesses",
                column: "consent_id",
                principalSchema: "financematch",
                principalTable: "consents",
                principalColumn: "id");

            migrationBuilder.Sql(Rules);
        }

        /// <summary>
        /// Access records are append-only and kept at least five years (征信业管理条例 art. 22): no UPDATE, except the one
        /// that hashes a record from before the chain; no DELETE of a record younger than five years. Registrations left
        /// pending by the previous migration lose what their unproven claim opened: consents revoked, open loan requests
        /// cancelled, open matches withdrawn. Stored idempotent responses from before the rule lose their client secrets.
        /// </summary>
        private const string Rules = """
            CREATE FUNCTION financematch.guard_report_access() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' THEN
                    IF OLD.hash = '' AND NEW.id = OLD.id AND NEW.enterprise_id = OLD.enterprise_id AND NEW.position = OLD.position
                        AND NEW.accessed_at = OLD.accessed_at AND NEW.scopes = OLD.scopes
                        AND NEW.institution_id IS NOT DISTINCT FROM OLD.institution_id AND NEW.consent_id IS NOT DISTINCT FROM OLD.consent_id
                        AND NEW.purpose IS NOT DISTINCT FROM OLD.purpose THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'financematch.report_accesses is append-only' USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF OLD.accessed_at > now() - interval '5 years' THEN
                    RAISE EXCEPTION 'access records are kept five years (this one is from %)', OLD.accessed_at USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN OLD;
            END $$;
            CREATE TRIGGER report_accesses_guard BEFORE UPDATE OR DELETE ON financematch.report_accesses
                FOR EACH ROW EXECUTE FUNCTION financematch.guard_report_access();

            UPDATE financematch.consents c SET status = 'Revoked', revoked_at = now()
            FROM financematch.enterprises e WHERE e.id = c.enterprise_id AND e.verification <> 'Verified' AND c.status = 'Active';
            UPDATE financematch.matches m SET status = 'Withdrawn', closed_at = now(), updated_at = now()
            FROM financematch.enterprises e WHERE e.id = m.enterprise_id AND e.verification <> 'Verified'
                AND m.status IN ('Pending', 'UnderReview', 'Approved');
            UPDATE financematch.loan_requests r SET status = 'Cancelled', closed_at = now()
            FROM financematch.enterprises e WHERE e.id = r.enterprise_id AND e.verification <> 'Verified' AND r.status IN ('Matching', 'Matched');
            UPDATE financematch.idempotency_keys SET response_body = (response_body::jsonb - 'clientSecret')::json
            WHERE response_body IS NOT NULL AND jsonb_typeof(response_body::jsonb) = 'object' AND response_body::jsonb ? 'clientSecret';
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS report_accesses_guard ON financematch.report_accesses;
                DROP FUNCTION IF EXISTS financematch.guard_report_access();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_report_accesses_consents_consent_id",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropTable(
                name: "report_access_chains",
                schema: "financematch");

            migrationBuilder.DropIndex(
                name: "ix_report_accesses_enterprise_id_position",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropColumn(
                name: "actor_role",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropColumn(
                name: "hash",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropColumn(
                name: "operator_client_id",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropColumn(
                name: "position",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                schema: "financematch",
                table: "report_accesses");

            migrationBuilder.AlterColumn<string>(
                name: "purpose",
                schema: "financematch",
                table: "report_accesses",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "institution_id",
                schema: "financematch",
                table: "report_accesses",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "consent_id",
                schema: "financematch",
                table: "report_accesses",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "fk_report_accesses_consents_consent_id",
                schema: "financematch",
                table: "report_accesses",
                column: "consent_id",
                principalSchema: "financematch",
                principalTable: "consents",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
