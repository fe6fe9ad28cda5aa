using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class DataFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feed_batches",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    feed_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    format = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    payload_bytes = table.Column<long>(type: "bigint", nullable: false),
                    payload_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    total_rows = table.Column<int>(type: "integer", nullable: false),
                    accepted_rows = table.Column<int>(type: "integer", nullable: false),
                    rejected_rows = table.Column<int>(type: "integer", nullable: false),
                    progress = table.Column<double>(type: "double precision", nullable: false),
                    failure_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_next_cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "feed_sources",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    feed_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    base_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cron = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    api_key = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_pulled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_feed_sources_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "judicial_records",
                schema: "financematch",
                columns: table => new
                {
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_judicial_records", x => new { x.department_id, x.case_no });
                });

            migrationBuilder.CreateTable(
                name: "penalty_records",
                schema: "financematch",
                columns: table => new
                {
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: false),
                    authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    revoked_on = table.Column<DateOnly>(type: "date", nullable: true),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_penalty_records", x => new { x.department_id, x.decision_no });
                });

            migrationBuilder.CreateTable(
                name: "profile_rebuild_requests",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_profile_rebuild_requests", x => x.uscc);
                });

            migrationBuilder.CreateTable(
                name: "social_security_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    insured_employees = table.Column<int>(type: "integer", nullable: false),
                    contribution_paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    arrears = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_social_security_records", x => new { x.uscc, x.period });
                });

            migrationBuilder.CreateTable(
                name: "tax_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    tax_paid = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    taxable_revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    arrears = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    tax_credit_rating = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tax_records", x => new { x.uscc, x.period });
                });

            migrationBuilder.CreateTable(
                name: "utility_records",
                schema: "financematch",
                columns: table => new
                {
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    period = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    consumption = table.Column<decimal>(type: "numeric(18,3)", precision: 18, scale: 3, nullable: false),
                    amount_billed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    amount_overdue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_utility_records", x => new { x.uscc, x.period, x.kind });
                });

            migrationBuilder.CreateTable(
                name: "feed_batch_chunks",
                schema: "financematch",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_batch_chunks", x => new { x.batch_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_feed_batch_chunks_feed_batches_batch_id",
                        column: x => x.batch_id,
                        principalSchema: "financematch",
                        principalTable: "feed_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "feed_batch_errors",
                schema: "financematch",
                columns: table => new
                {
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row_number = table.Column<int>(type: "integer", nullable: false),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_feed_batch_errors", x => new { x.batch_id, x.row_number, x.ordinal });
                    table.ForeignKey(
                        name: "fk_feed_batch_errors_feed_batches_batch_id",
                        column: x => x.batch_id,
                        principalSchema: "financematch",
                        principalTable: "feed_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_department_id_received_at",
                schema: "financematch",
                table: "feed_batches",
                columns: new[] { "department_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_source_id_received_at",
                schema: "financematch",
                table: "feed_batches",
                columns: new[] { "source_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_batches_status_received_at",
                schema: "financematch",
                table: "feed_batches",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_feed_sources_department_id",
                schema: "financematch",
                table: "feed_sources",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_judicial_records_batch_id",
                schema: "financematch",
                table: "judicial_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_judicial_records_uscc",
                schema: "financematch",
                table: "judicial_records",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_penalty_records_batch_id",
                schema: "financematch",
                table: "penalty_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_penalty_records_uscc",
                schema: "financematch",
                table: "penalty_records",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_social_security_records_batch_id",
                schema: "financematch",
                table: "social_security_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_tax_records_batch_id",
                schema: "financematch",
                table: "tax_records",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_utility_records_batch_id",
                schema: "financematch",
                table: "utility_records",
                column: "batch_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_batch_chunks",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "feed_batch_errors",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "feed_sources",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "judicial_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "penalty_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "profile_rebuild_requests",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "social_security_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "tax_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "utility_records",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "feed_batches",
                schema: "financematch");
        }
    }
}
