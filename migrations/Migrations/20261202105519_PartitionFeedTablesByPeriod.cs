using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <summary>
    /// The tables of monthly records (tax, social security, utilities, housing fund) grow with firms × months: each
    /// becomes a table partitioned by period, one partition a month plus a default partition for periods outside the
    /// maintained window. Two functions keep the partitions: <c>ensure_period_partitions</c> creates the months of a
    /// window (moving in rows of such a month that waited in the default partition) and <c>drop_period_partitions_before</c>
    /// drops whole months for retention. Both take one advisory lock, so processes never race to create a partition.
    /// Existing rows are copied into the new tables; EF's model is unchanged (it does not know partitions).
    /// </summary>
    public partial class PartitionFeedTablesByPeriod : Migration
    {
        private const string Tables = "ARRAY['tax_records', 'social_security_records', 'utility_records', 'housing_fund_records']";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE FUNCTION financematch.ensure_period_partitions(parent text, from_month date, to_month date)
                RETURNS integer LANGUAGE plpgsql AS $fn$
                DECLARE
                    m date := date_trunc('month', from_month)::date;
                    next_month date;
                    part text;
                    created integer := 0;
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtextextended('financematch.period_partitions', 0));
                    IF NOT EXISTS (
                        SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                        WHERE c.relnamespace = 'financematch'::regnamespace AND c.relname = parent
                    ) THEN
                        RAISE EXCEPTION 'financematch.% is not a table partitioned by period', parent;
                    END IF;
                    WHILE m <= to_month LOOP
                        next_month := (m + interval '1 month')::date;
                        part := format('%s_p%s', parent, to_char(m, 'YYYYMM'));
                        IF to_regclass(format('financematch.%I', part)) IS NULL THEN
                            -- Rows of this month that came before its partition wait in the default partition: they are
                            -- moved in, with inserts into the default partition held off until the partition is attached.
                            EXECUTE format('LOCK TABLE financematch.%I IN EXCLUSIVE MODE', parent || '_default');
                            EXECUTE format('CREATE TABLE financematch.%I (LIKE financematch.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
                            EXECUTE format(
                                'WITH moved AS (DELETE FROM financematch.%I WHERE period >= $1 AND period < $2 RETURNING *) INSERT INTO financematch.%I SELECT * FROM moved',
                                parent || '_default', part) USING m, next_month;
                            EXECUTE format('ALTER TABLE financematch.%I ATTACH PARTITION financematch.%I FOR VALUES FROM (%L) TO (%L)',
                                parent, part, m, next_month);
                            created := created + 1;
                        END IF;
                        m := next_month;
                    END LOOP;
                    RETURN created;
                END
                $fn$;

                CREATE FUNCTION financematch.drop_period_partitions_before(parent text, cutoff date)
                RETURNS bigint LANGUAGE plpgsql AS $fn$
                DECLARE
                    first_kept date := date_trunc('month', cutoff)::date;
                    part record;
                    rows_in bigint;
                    removed bigint := 0;
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtextextended('financematch.period_partitions', 0));
                    FOR part IN
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = to_regclass(format('financematch.%I', parent))
                            AND c.relname ~ ('^' || parent || '_p[0-9]{6}$')
                            AND to_date(right(c.relname, 6), 'YYYYMM') < first_kept
                    LOOP
                        EXECUTE format('SELECT count(*) FROM financematch.%I', part.relname) INTO rows_in;
                        EXECUTE format('DROP TABLE financematch.%I', part.relname);
                        removed := removed + rows_in;
                    END LOOP;
                    EXECUTE format('DELETE FROM financematch.%I WHERE period < $1', parent || '_default') USING first_kept;
                    GET DIAGNOSTICS rows_in = ROW_COUNT;
                    RETURN removed + rows_in;
                END
                $fn$;
                """
            );
            // Each table: the old one renamed aside, the partitioned one created with the same columns, key and index,
            // its months from the oldest row (at most the default retention, 60 months, back; at least the 24 months a
            // profile reads) to three months ahead,
            // the rows copied, the old table dropped.
            migrationBuilder.Sql(
                $$"""
                DO $do$
                DECLARE
                    t text;
                    pk text;
                    oldest date;
                    look_back date := (date_trunc('month', now()) - interval '24 months')::date;
                    retention_start date := (date_trunc('month', now()) - interval '59 months')::date;
                BEGIN
                    FOREACH t IN ARRAY {{Tables}} LOOP
                        IF EXISTS (
                            SELECT 1 FROM pg_indexes WHERE schemaname = 'financematch' AND tablename = t
                                AND indexname NOT IN ('pk_' || t, 'ix_' || t || '_batch_id')
                        ) THEN
                            RAISE EXCEPTION 'financematch.% has an index this migration does not know', t;
                        END IF;
                        SELECT pg_get_constraintdef(oid) INTO STRICT pk FROM pg_constraint
                        WHERE connamespace = 'financematch'::regnamespace AND conname = 'pk_' || t;
                        EXECUTE format('ALTER TABLE financematch.%I RENAME TO %I', t, t || '_unpartitioned');
                        EXECUTE format('ALTER TABLE financematch.%I RENAME CONSTRAINT %I TO %I', t || '_unpartitioned', 'pk_' || t, 'pk_' || t || '_unpartitioned');
                        EXECUTE format('ALTER INDEX financematch.%I RENAME TO %I', 'ix_' || t || '_batch_id', 'ix_' || t || '_unpartitioned_batch_id');
                        EXECUTE format('CREATE TABLE financematch.%I (LIKE financematch.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (period)',
                            t, t || '_unpartitioned');
                        EXECUTE format('ALTER TABLE financematch.%I ADD CONSTRAINT %I %s', t, 'pk_' || t, pk);
                        EXECUTE format('CREATE INDEX %I ON financematch.%I (batch_id)', 'ix_' || t || '_batch_id', t);
                        EXECUTE format('CREATE TABLE financematch.%I PARTITION OF financematch.%I DEFAULT', t || '_default', t);
                        EXECUTE format('SELECT min(period) FROM financematch.%I', t || '_unpartitioned') INTO oldest;
                        PERFORM financematch.ensure_period_partitions(t, least(look_back, greatest(coalesce(oldest, look_back), retention_start)),
                            (date_trunc('month', now()) + interval '3 months')::date);
                        EXECUTE format('INSERT INTO financematch.%I SELECT * FROM financematch.%I', t, t || '_unpartitioned');
                        EXECUTE format('DROP TABLE financematch.%I', t || '_unpartitioned');
                        EXECUTE format('ANALYZE financematch.%I', t);
                    END LOOP;
                END
                $do$;
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                $$"""
                DO $do$
                DECLARE
                    t text;
                    pk text;
                BEGIN
                    FOREACH t IN ARRAY {{Tables}} LOOP
                        SELECT pg_get_constraintdef(oid) INTO STRICT pk FROM pg_constraint
                        WHERE connamespace = 'financematch'::regnamespace AND conname = 'pk_' || t;
                        EXECUTE format('CREATE TABLE financematch.%I (LIKE financematch.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                            t || '_plain', t);
                        EXECUTE format('INSERT INTO financematch.%I SELECT * FROM financematch.%I', t || '_plain', t);
                        EXECUTE format('DROP TABLE financematch.%I', t);
                        EXECUTE format('ALTER TABLE financematch.%I RENAME TO %I', t || '_plain', t);
                        EXECUTE format('ALTER TABLE financematch.%I ADD CONSTRAINT %I %s', t, 'pk_' || t, pk);
                        EXECUTE format('CREATE INDEX %I ON financematch.%I (batch_id)', 'ix_' || t || '_batch_id', t);
                    END LOOP;
                END
                $do$;
                DROP FUNCTION financematch.drop_period_partitions_before(text, date);
                DROP FUNCTION financematch.ensure_period_partitions(text, date, date);
                """
            );
        }
    }
}
