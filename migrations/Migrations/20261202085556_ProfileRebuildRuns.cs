using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ProfileRebuildRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A switch-over becomes one kind of profile rebuild run: the table is renamed, not recreated, so the rows
            // that say which scoring model is in force are kept.
            migrationBuilder.Sql(
                """
                ALTER TABLE financematch.model_switch_overs RENAME TO profile_rebuild_runs;
                ALTER TABLE financematch.profile_rebuild_runs RENAME CONSTRAINT pk_model_switch_overs TO pk_profile_rebuild_runs;
                DROP INDEX financematch.ix_model_switch_overs_started_at;
                DROP INDEX financematch.ux_model_switch_overs_one_running;
                ALTER TABLE financematch.profile_rebuild_runs
                    ADD COLUMN kind character varying(16) NOT NULL DEFAULT 'SwitchOver',
                    ADD COLUMN requested_at timestamp with time zone,
                    ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0,
                    ADD COLUMN failure_reason character varying(500),
                    ALTER COLUMN to_version DROP NOT NULL,
                    ALTER COLUMN requested_by DROP NOT NULL,
                    ALTER COLUMN started_at DROP NOT NULL;
                UPDATE financematch.profile_rebuild_runs SET requested_at = started_at;
                ALTER TABLE financematch.profile_rebuild_runs
                    ALTER COLUMN requested_at SET NOT NULL,
                    ALTER COLUMN kind DROP DEFAULT,
                    ALTER COLUMN failed_attempts DROP DEFAULT;
                CREATE INDEX ix_profile_rebuild_runs_kind_requested_at
                    ON financematch.profile_rebuild_runs (kind, requested_at);
                CREATE UNIQUE INDEX ux_profile_rebuild_runs_one_active
                    ON financematch.profile_rebuild_runs (kind) WHERE status IN ('Queued', 'Running');
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DELETE FROM financematch.profile_rebuild_runs WHERE kind <> 'SwitchOver';
                DROP INDEX financematch.ux_profile_rebuild_runs_one_active;
                DROP INDEX financematch.ix_profile_rebuild_runs_kind_requested_at;
                ALTER TABLE financematch.profile_rebuild_runs
                    DROP COLUMN kind,
                    DROP COLUMN requested_at,
                    DROP COLUMN failed_attempts,
                    DROP COLUMN failure_reason,
                    ALTER COLUMN to_version SET NOT NULL,
                    ALTER COLUMN requested_by SET NOT NULL,
                    ALTER COLUMN started_at SET NOT NULL;
                ALTER TABLE financematch.profile_rebuild_runs RENAME CONSTRAINT pk_profile_rebuild_runs TO pk_model_switch_overs;
                ALTER TABLE financematch.profile_rebuild_runs RENAME TO model_switch_overs;
                CREATE INDEX ix_model_switch_overs_started_at ON financematch.model_switch_overs (started_at);
                CREATE UNIQUE INDEX ux_model_switch_overs_one_running
                    ON financematch.model_switch_overs (status) WHERE status = 'Running';
                """
            );
        }
    }
}
