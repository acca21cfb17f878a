using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Leases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LeasePolicies",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubjectName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DefaultDays = table.Column<int>(type: "integer", nullable: false),
                    MaxDays = table.Column<int>(type: "integer", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderDays = table.Column<int>(type: "integer", nullable: false),
                    GraceDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeasePolicies", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ServerLeases",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ServerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    DefaultDays = table.Column<int>(type: "integer", nullable: false),
                    MaxDays = table.Column<int>(type: "integer", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "boolean", nullable: false),
                    ReminderDays = table.Column<int>(type: "integer", nullable: false),
                    GraceDays = table.Column<int>(type: "integer", nullable: false),
                    PolicySource = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecommissionAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecommissionClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecommissionInstanceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EndedNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PendingUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PendingBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PendingInstanceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServerLeases", x => x.DeploymentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServerLeases_DecommissionAt",
                table: "ServerLeases",
                column: "DecommissionAt");

            migrationBuilder.CreateIndex(
                name: "IX_ServerLeases_EndsAt",
                table: "ServerLeases",
                column: "EndsAt");

            migrationBuilder.CreateIndex(
                name: "IX_ServerLeases_RemindAt",
                table: "ServerLeases",
                column: "RemindAt");

            migrationBuilder.CreateIndex(
                name: "IX_ServerLeases_ServerId",
                table: "ServerLeases",
                column: "ServerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeasePolicies");

            migrationBuilder.DropTable(
                name: "ServerLeases");
        }
    }
}
