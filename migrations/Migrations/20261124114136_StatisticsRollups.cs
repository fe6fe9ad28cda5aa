using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <summary>
    /// Pre-aggregated matchmaking figures (docs/STATISTICS.md): rows per day and per month, per scope (the platform, or one
    /// institution), per dimension and key, kept by StatisticsRollups. Triggers log the posting day of every loan request
    /// whose figures a write changes; the refresh recomputes exactly those days. Requests also keep the grade their firm
    /// had when it posted them, which is what statistics group by.
    /// </summary>
    public partial class StatisticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "grade_when_posted",
                schema: "financematch",
                table: "loan_requests",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE financematch.loan_requests r SET grade_when_posted = p.grade
                FROM financematch.credit_profiles p WHERE p.enterprise_id = r.enterprise_id;

                CREATE TABLE financematch.stats_rollups (
                    span text NOT NULL CHECK (span IN ('day', 'month')),
                    day date NOT NULL,
                    scope uuid NOT NULL,
                    dimension text NOT NULL,
                    key text NOT NULL,
                    label text NOT NULL,
                    loan_requests bigint NOT NULL,
                    requested_amount numeric NOT NULL,
                    matched_requests bigint NOT NULL,
                    matches bigint NOT NULL,
                    approved_matches bigint NOT NULL,
                    approved_amount numeric NOT NULL,
                    disbursed_loans bigint NOT NULL,
                    disbursed_amount numeric NOT NULL,
                    decided_matches bigint NOT NULL,
                    response_tenths integer[] NOT NULL,
                    response_counts integer[] NOT NULL,
                    PRIMARY KEY (scope, dimension, span, day, key)
                );
                COMMENT ON TABLE financematch.stats_rollups IS 'Matchmaking figures of the loan requests posted on one day (span day) or in one month (span month, day = its first day), for the platform (scope = nil uuid) or one institution, grouped by dimension and key. response_tenths/response_counts: a histogram of hours to first response, in whole tenths of an hour.';
                CREATE INDEX ix_stats_rollups_every_institution ON financematch.stats_rollups (dimension, span, day)
                    WHERE scope <> '00000000-0000-0000-0000-000000000000';
                CREATE INDEX ix_stats_rollups_span_day ON financematch.stats_rollups (span, day);

                CREATE TABLE financematch.stats_stale_days (day date NOT NULL);
                COMMENT ON TABLE financematch.stats_stale_days IS 'Append-only log of request posting days whose figures changed; the refresh takes and recomputes them.';
                CREATE TABLE financematch.stats_stale_months (month date PRIMARY KEY);
                COMMENT ON TABLE financematch.stats_stale_months IS 'Months whose month rows lag their day rows; readers use the day rows until the job rolls the month up again.';

                CREATE FUNCTION financematch.stats_mark_request_days() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO financematch.stats_stale_days (day)
                        SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO financematch.stats_stale_days (day)
                        SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM old_rows;
                    ELSE
                        -- A request's status moves on with its matches (logged there); only what the figures read counts here.
                        INSERT INTO financematch.stats_stale_days (day)
                        SELECT DISTINCT (changed.created_at AT TIME ZONE 'UTC')::date
                        FROM new_rows n JOIN old_rows o ON o.id = n.id
                        CROSS JOIN LATERAL (VALUES (n.created_at), (o.created_at)) AS changed (created_at)
                        WHERE (n.created_at, n.amount, n.grade_when_posted, n.enterprise_id)
                            IS DISTINCT FROM (o.created_at, o.amount, o.grade_when_posted, o.enterprise_id);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION financematch.stats_mark_match_days() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        INSERT INTO financematch.stats_stale_days (day)
                        SELECT DISTINCT (r.created_at AT TIME ZONE 'UTC')::date
                        FROM old_rows m JOIN financematch.loan_requests r ON r.id = m.loan_request_id;
                    ELSE
                        INSERT INTO financematch.stats_stale_days (day)
                        SELECT DISTINCT (r.created_at AT TIME ZONE 'UTC')::date
                        FROM new_rows m JOIN financematch.loan_requests r ON r.id = m.loan_request_id;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER stats_requests_inserted AFTER INSERT ON financematch.loan_requests
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_request_days();
                CREATE TRIGGER stats_requests_updated AFTER UPDATE ON financematch.loan_requests
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_request_days();
                CREATE TRIGGER stats_requests_deleted AFTER DELETE ON financematch.loan_requests
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_request_days();
                CREATE TRIGGER stats_matches_inserted AFTER INSERT ON financematch.matches
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_match_days();
                CREATE TRIGGER stats_matches_updated AFTER UPDATE ON financematch.matches
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_match_days();
                CREATE TRIGGER stats_matches_deleted AFTER DELETE ON financematch.matches
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION financematch.stats_mark_match_days();

                -- Everything posted so far is computed by the first refresh.
                INSERT INTO financematch.stats_stale_days (day)
                SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date FROM financematch.loan_requests;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER stats_requests_inserted ON financematch.loan_requests;
                DROP TRIGGER stats_requests_updated ON financematch.loan_requests;
                DROP TRIGGER stats_requests_deleted ON financematch.loan_requests;
                DROP TRIGGER stats_matches_inserted ON financematch.matches;
                DROP TRIGGER stats_matches_updated ON financematch.matches;
                DROP TRIGGER stats_matches_deleted ON financematch.matches;
                DROP FUNCTION financematch.stats_mark_request_days();
                DROP FUNCTION financematch.stats_mark_match_days();
                DROP TABLE financematch.stats_rollups, financematch.stats_stale_days, financematch.stats_stale_months;
                """);

            migrationBuilder.DropColumn(
                name: "grade_when_posted",
                schema: "financematch",
                table: "loan_requests");
        }
    }
}
