using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
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
                    Key = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    SubjectName = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    DefaultDays = table.Column<int>(type: "int", nullable: false),
                    MaxDays = table.Column<int>(type: "int", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "bit", nullable: false),
                    ReminderDays = table.Column<int>(type: "int", nullable: false),
                    GraceDays = table.Column<int>(type: "int", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeasePolicies", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "ServerLeases",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ServerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Owner = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Days = table.Column<int>(type: "int", nullable: false),
                    DefaultDays = table.Column<int>(type: "int", nullable: false),
                    MaxDays = table.Column<int>(type: "int", nullable: false),
                    ExtensionNeedsApproval = table.Column<bool>(type: "bit", nullable: false),
                    ReminderDays = table.Column<int>(type: "int", nullable: false),
                    GraceDays = table.Column<int>(type: "int", nullable: false),
                    PolicySource = table.Column<string>(type: "nvarchar(600)", maxLength: 600, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RemindAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecommissionAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RemindedFor = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecommissionClaimedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecommissionInstanceId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    EndedNoticeAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PendingUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PendingBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    PendingInstanceId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
