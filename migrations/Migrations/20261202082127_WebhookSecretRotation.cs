using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinanceMatch.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class WebhookSecretRotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                schema: "financematch",
                table: "webhooks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "protected_previous_secret",
                schema: "financematch",
                table: "webhooks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "secret_rotated_at",
                schema: "financematch",
                table: "webhooks",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                schema: "financematch",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "protected_previous_secret",
                schema: "financematch",
                table: "webhooks");

            migrationBuilder.DropColumn(
                name: "secret_rotated_at",
                schema: "financematch",
                table: "webhooks");
        }
    }
}
