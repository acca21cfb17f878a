using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Quotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuotaCharges",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Vcpus = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryMiB = table.Column<long>(type: "INTEGER", nullable: false),
                    Physical = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaCharges", x => x.DeploymentId);
                });

            migrationBuilder.CreateTable(
                name: "Quotas",
                columns: table => new
                {
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    MaxServers = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxVcpus = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxMemoryGiB = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxPhysicalServers = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quotas", x => new { x.SubjectKind, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "QuotaUsage",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Servers = table.Column<int>(type: "INTEGER", nullable: false),
                    Vcpus = table.Column<int>(type: "INTEGER", nullable: false),
                    MemoryMiB = table.Column<long>(type: "INTEGER", nullable: false),
                    PhysicalServers = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaUsage", x => x.UserName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaCharges_RequestId",
                table: "QuotaCharges",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaCharges_UserName",
                table: "QuotaCharges",
                column: "UserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuotaCharges");

            migrationBuilder.DropTable(
                name: "Quotas");

            migrationBuilder.DropTable(
                name: "QuotaUsage");
        }
    }
}
