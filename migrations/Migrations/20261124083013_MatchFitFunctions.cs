using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <summary>
    /// The helpers of the fit score (docs/MATCHING.md) in SQL, one for one with those of MatchRules, so the matching engine
    /// ranks a bank's products in the database. Plain IMMUTABLE SQL functions that the planner inlines (each uses an
    /// argument that may be an expensive expression only once, or PostgreSQL would call them instead).
    /// </summary>
    public partial class MatchFitFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION financematch.fit_clamp(share double precision) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT least(greatest(share, 0), 1) $$;

                CREATE FUNCTION financematch.fit_ratio(actual double precision, required double precision) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT financematch.fit_clamp(actual / required - 1) $$;

                CREATE FUNCTION financematch.fit_centrality(value double precision, low double precision, high double precision) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT CASE WHEN high <= low THEN 1 ELSE financematch.fit_clamp(1 - abs(2 * (value - low) / (high - low) - 1)) END $$;

                -- Halves round up: the same IEEE operations as MatchRules.Points, so both give the same whole points.
                CREATE FUNCTION financematch.fit_points(weight integer, share double precision) RETURNS integer
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                AS $$ SELECT floor(weight * share + 0.5)::integer $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION financematch.fit_points(integer, double precision);
                DROP FUNCTION financematch.fit_centrality(double precision, double precision, double precision);
                DROP FUNCTION financematch.fit_ratio(double precision, double precision);
                DROP FUNCTION financematch.fit_clamp(double precision);
                """);
        }
    }
}
