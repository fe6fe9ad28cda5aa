using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Objections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "objections",
                schema: "financematch",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    enterprise_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uscc = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    feed_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    record_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    resolution_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    resolved_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_objections_departments_department_id",
                        column: x => x.department_id,
                        principalSchema: "financematch",
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_objections_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalSchema: "financematch",
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_objections_department_id",
                schema: "financematch",
                table: "objections",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_objections_enterprise_id_created_at",
                schema: "financematch",
                table: "objections",
                columns: new[] { "enterprise_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_objections_status_created_at",
                schema: "financematch",
                table: "objections",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_objections_one_open_per_record",
                schema: "financematch",
                table: "objections",
                columns: new[] { "uscc", "feed_type", "record_key" },
                unique: true,
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "objections",
                schema: "financematch");
        }
    }
}
