using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RepairRequestsQualityFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quality_findings",
                schema: "financematch",
                columns: table => new
                {
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    record_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    feed_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quality_findings", x => new { x.rule, x.uscc, x.record_key });
                });

            migrationBuilder.CreateTable(
                name: "repair_requests",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    repaired_on = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repair_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_repair_requests_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_repair_requests_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repair_attachments",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    repair_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_repair_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_repair_attachments_repair_requests_repair_request_id",
                        column: x => x.repair_request_id,
                        principalSchema: "financematch",
                        principalTable: "repair_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_quality_findings_department_id_rule",
                schema: "financematch",
                table: "quality_findings",
                columns: new[] { "department_id", "rule" });

            migrationBuilder.CreateIndex(
                name: "ix_quality_findings_uscc",
                schema: "financematch",
                table: "quality_findings",
                column: "uscc");

            migrationBuilder.CreateIndex(
                name: "ix_repair_attachments_repair_request_id_position",
                schema: "financematch",
                table: "repair_attachments",
                columns: new[] { "repair_request_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_repair_requests_department_id_status_created_at",
                schema: "financematch",
                table: "repair_requests",
                columns: new[] { "department_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_repair_requests_enterprise_id_created_at",
                schema: "financematch",
                table: "repair_requests",
                columns: new[] { "enterprise_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_repair_requests_one_pending_per_penalty",
                schema: "financematch",
                table: "repair_requests",
                columns: new[] { "department_id", "decision_no" },
                unique: true,
                filter: "status = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quality_findings",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "repair_attachments",
                schema: "financematch");

            migrationBuilder.DropTable(
                name: "repair_requests",
                schema: "financematch");
        }
    }
}
