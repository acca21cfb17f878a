using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
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
                    DeploymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Vcpus = table.Column<int>(type: "int", nullable: false),
                    MemoryMiB = table.Column<long>(type: "bigint", nullable: false),
                    Physical = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaCharges", x => x.DeploymentId);
                });

            migrationBuilder.CreateTable(
                name: "Quotas",
                columns: table => new
                {
                    SubjectKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    MaxServers = table.Column<int>(type: "int", nullable: true),
                    MaxVcpus = table.Column<int>(type: "int", nullable: true),
                    MaxMemoryGiB = table.Column<int>(type: "int", nullable: true),
                    MaxPhysicalServers = table.Column<int>(type: "int", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Quotas", x => new { x.SubjectKind, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "QuotaUsage",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Servers = table.Column<int>(type: "int", nullable: false),
                    Vcpus = table.Column<int>(type: "int", nullable: false),
                    MemoryMiB = table.Column<long>(type: "bigint", nullable: false),
                    PhysicalServers = table.Column<int>(type: "int", nullable: false)
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
