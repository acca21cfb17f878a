using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
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
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DefaultDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeasePolicies", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ServerLeases",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ServerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PolicySource = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecommissionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemindedFor = table.Column<long>(type: "INTEGER", nullable: true),
                    DecommissionClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecommissionInstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EndedNoticeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PendingInstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
