using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class VerifiedFirmsAndCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_enterprises_uscc",
                schema: "financematch",
                table: "enterprises");

            // The signing key was stored in plain text; it is dropped, not carried over (tokens it signed end with the upgrade).
            migrationBuilder.DropTable(
                name: "signing_keys",
                schema: "financematch");
            migrationBuilder.CreateTable(
                name: "token_signing_keys",
                schema: "financematch",
                columns: table => new
                {
                    kid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    protected_key = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_token_signing_keys", x => x.kid);
                });

            // Plain values stay until the first start-up of the new version encrypts them (ProtectLegacySecrets).
            migrationBuilder.RenameColumn(
                name: "secret",
                schema: "financematch",
                table: "webhooks",
                newName: "protected_secret");
            migrationBuilder.AlterColumn<string>(
                name: "protected_secret",
                schema: "financematch",
                table: "webhooks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
            migrationBuilder.RenameColumn(
                name: "api_key",
                schema: "financematch",
                table: "feed_sources",
                newName: "protected_api_key");
            migrationBuilder.AlterColumn<string>(
                name: "protected_api_key",
                schema: "financematch",
                table: "feed_sources",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldNullable: true);

            // Registrations made before verification existed proved nothing: they start pending, like a new one.
            migrationBuilder.AddColumn<string>(
                name: "verification",
                schema: "financematch",
                table: "enterprises",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Pending");
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verification_decided_at",
                schema: "financematch",
                table: "enterprises",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.AddColumn<string>(
                name: "verification_decided_by",
                schema: "financematch",
                table: "enterprises",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
            migrationBuilder.AddColumn<string>(
                name: "verification_method",
                schema: "financematch",
                table: "enterprises",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
            migrationBuilder.AddColumn<string>(
                name: "verification_note",
                schema: "financematch",
                table: "enterprises",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
            // Profiles of unproven registrations are dropped; verifying a firm builds its profile again.
            migrationBuilder.Sql("""
                DELETE FROM financematch.credit_profiles p USING financematch.enterprises e
                WHERE e.id = p.enterprise_id AND e.verification <> 'Verified'
                """);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disabled_at",
                schema: "financematch",
                table: "credentials",
                type: "timestamp with time zone",
                nullable: true);
            migrationBuilder.AddColumn<int>(
                name: "version",
                schema: "financematch",
                table: "credentials",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "security_events",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_client_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_security_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "used_licence_assertions",
                schema: "financematch",
                columns: table => new
                {
                    jti = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_used_licence_assertions", x => x.jti);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_uscc",
                schema: "financematch",
                table: "enterprises",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_verification_queue",
                schema: "financematch",
                table: "enterprises",
                columns: new[] { "verification", "registered_at" },
                filter: "verification = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ux_enterprises_verified_uscc",
                schema: "financematch",
                table: "enterprises",
                column: "uscc",
                unique: true,
                filter: "verification = 'Verified'");

            migrationBuilder.CreateIndex(
                name: "ix_security_events_client_id_occurred_at",
                schema: "financematch",
                table: "security_events",
                columns: new[] { "client_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_security_events_occurred_at",
                schema: "financematch",
                table: "security_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_security_events_subject_id_kind_occurred_at",
                schema: "financematch",
                table: "security_events",
                columns: new[] { "subject_id", "kind", "occurred_at" });

            migrationBuilder.Sql(Triggers);
        }

        /// <summary>
        /// Announcements to every process (PostgreSQL NOTIFY, sent on commit) of what they cache, and the security log's
        /// guard: it is append-only.
        /// </summary>
        private const string Triggers = """
            CREATE FUNCTION financematch.notify_credential_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('credential_changed', NEW.id::text);
                RETURN NULL;
            END $$;
            CREATE TRIGGER credential_changed AFTER UPDATE OF version, disabled_at ON financematch.credentials
                FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
                EXECUTE FUNCTION financematch.notify_credential_changed();

            CREATE FUNCTION financematch.notify_enterprise_verification_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('credential_changed', c.id::text)
                FROM financematch.credentials c WHERE c.role = 'Enterprise' AND c.subject_id = NEW.id;
                RETURN NULL;
            END $$;
            CREATE TRIGGER enterprise_verification_changed AFTER UPDATE OF verification ON financematch.enterprises
                FOR EACH ROW WHEN (OLD.verification IS DISTINCT FROM NEW.verification)
                EXECUTE FUNCTION financematch.notify_enterprise_verification_changed();

            CREATE FUNCTION financematch.notify_signing_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('signing_keys_changed', '');
                RETURN NULL;
            END $$;
            CREATE TRIGGER signing_keys_changed AFTER INSERT OR UPDATE OR DELETE ON financematch.token_signing_keys
                FOR EACH STATEMENT EXECUTE FUNCTION financematch.notify_signing_keys_changed();

            CREATE FUNCTION financematch.refuse_security_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'financematch.security_events is append-only' USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON financematch.security_events
                FOR EACH ROW EXECUTE FUNCTION financematch.refuse_security_event_change();
            CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON financematch.security_events
                FOR EACH STATEMENT EXECUTE FUNCTION financematch.refuse_security_event_change();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS security_events_no_truncate ON financematch.security_events;
                DROP TRIGGER IF EXISTS security_events_append_only ON financematch.security_events;
                DROP FUNCTION IF EXISTS financematch.refuse_security_event_change();
                DROP TRIGGER IF EXISTS signing_keys_changed ON financematch.token_signing_keys;
                DROP FUNCTION IF EXISTS financematch.notify_signing_keys_changed();
                DROP TRIGGER IF EXISTS enterprise_verification_changed ON financematch.enterprises;
                DROP FUNCTION IF EXISTS financematch.notify_enterprise_verification_changed();
                DROP TRIGGER IF EXISTS credential_changed ON financematch.credentials;
                DROP FUNCTION IF EXISTS financematch.notify_credential_changed();
                """);

            migrationBuilder.DropTable(
                name: "security_events",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "used_licence_assertions",
                schema: "financematch");

            migrationBuilder.DropIndex(
                name: "ix_enterprises_uscc",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropIndex(
                name: "ix_enterprises_verification_queue",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropIndex(
                name: "ux_enterprises_verified_uscc",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropPrimaryKey(
                name: "pk_token_signing_keys",
                schema: "financematch",
                table: "token_signing_keys");

            migrationBuilder.DropColumn(
                name: "protected_secret",
                schema: "financematch",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "protected_api_key",
                schema: "financematch",
                table: "feed_sources");

            migrationBuilder.DropColumn(
                name: "verification",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "verification_decided_at",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "verification_decided_by",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "verification_method",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "verification_note",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "financematch",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                schema: "financematch",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "version",
                schema: "financematch",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "xmin",
                schema: "financematch",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "kid",
                schema: "financematch",
                table: "token_signing_keys");

            migrationBuilder.DropColumn(
                name: "protected_key",
                schema: "financematch",
                table: "token_signing_keys");

            migrationBuilder.DropColumn(
                name: "retired_at",
                schema: "financematch",
                table: "token_signing_keys");

            migrationBuilder.RenameTable(
                name: "token_signing_keys",
                schema: "financematch",
                newName: "signing_keys",
                newSchema: "financematch");

            migrationBuilder.AddColumn<string>(
                name: "secret",
                schema: "financematch",
                table: "webhooks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "api_key",
                schema: "financematch",
                table: "feed_sources",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "id",
                schema: "financematch",
                table: "signing_keys",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "key",
                schema: "financematch",
                table: "signing_keys",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddPrimaryKey(
                name: "pk_signing_keys",
                schema: "financematch",
                table: "signing_keys",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_uscc",
                schema: "financematch",
                table: "enterprises",
                column: "uscc",
                unique: true);
        }
    }
}
