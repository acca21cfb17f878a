using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ServerRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestId",
                table: "Deployments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SecretsRevealedAt",
                table: "Deployments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AddressLeases",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: false),
                    Subnet = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Offset = table.Column<long>(type: "bigint", nullable: false),
                    ServerId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddressLeases", x => x.Address);
                });

            migrationBuilder.CreateTable(
                name: "HostnameClaims",
                columns: table => new
                {
                    Hostname = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostnameClaims", x => x.Hostname);
                });

            migrationBuilder.CreateTable(
                name: "Requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ImageId = table.Column<Guid>(type: "uuid", nullable: false),
                    SearchText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskDecisions",
                columns: table => new
                {
                    Slot = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TaskId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    Task = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    User = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Roles = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskDecisions", x => x.Slot);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_RequestId",
                table: "Deployments",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_AddressLeases_ServerId",
                table: "AddressLeases",
                column: "ServerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AddressLeases_Subnet_Offset",
                table: "AddressLeases",
                columns: new[] { "Subnet", "Offset" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_HostnameClaims_DeploymentId",
                table: "HostnameClaims",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_CreatedAt",
                table: "Requests",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Requests_RequestedBy_CreatedAt",
                table: "Requests",
                columns: new[] { "RequestedBy", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requests_Status_CreatedAt",
                table: "Requests",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskDecisions_AppliedAt_DecidedAt",
                table: "TaskDecisions",
                columns: new[] { "AppliedAt", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaskDecisions_RequestId",
                table: "TaskDecisions",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskDecisions_TaskId",
                table: "TaskDecisions",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AddressLeases");

            migrationBuilder.DropTable(
                name: "HostnameClaims");

            migrationBuilder.DropTable(
                name: "Requests");

            migrationBuilder.DropTable(
                name: "TaskDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Deployments_RequestId",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "RequestId",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "SecretsRevealedAt",
                table: "Deployments");
        }
    }
}
