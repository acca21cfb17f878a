using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DriverRecordsAndSimulatedDatacenter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StateReason",
                table: "PhysicalServers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DriverKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Driver = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Step = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Machine = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Request = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Result = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    State = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Node = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(250)", maxLength: 250, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DriverKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SimulatedArtifacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ImageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ConvertedFrom = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Location = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Format = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulatedArtifacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SimulatedMachines",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Host = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Hardware = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    DiskLocation = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DiskFormat = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    WrittenArtifact = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    WrittenSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Configured = table.Column<bool>(type: "bit", nullable: false),
                    PoweredOn = table.Column<bool>(type: "bit", nullable: false),
                    LastPowerAction = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulatedMachines", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SimulatedOperations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Step = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Machine = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    Succeeded = table.Column<bool>(type: "bit", nullable: false),
                    Redelivered = table.Column<bool>(type: "bit", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Node = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulatedOperations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SimulatedWriters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Machine = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ArtifactId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ArtifactSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    DiskLocation = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Fault = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    BootedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    BootedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    ClaimedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClaimedUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Succeeded = table.Column<bool>(type: "bit", nullable: true),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    LastAnswer = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulatedWriters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WriterSessions",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WriteKey = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    Boots = table.Column<int>(type: "int", nullable: false),
                    BootedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CallbackSucceeded = table.Column<bool>(type: "bit", nullable: true),
                    CallbackMessage = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CallbackDiskLocation = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CalledBackAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Callbacks = table.Column<int>(type: "int", nullable: false),
                    ConsumedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    TimedOutAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Revision = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WriterSessions", x => x.DeploymentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DriverKeys_Driver_Machine",
                table: "DriverKeys",
                columns: new[] { "Driver", "Machine" });

            migrationBuilder.CreateIndex(
                name: "IX_DriverKeys_Driver_Step_Key",
                table: "DriverKeys",
                columns: new[] { "Driver", "Step", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedArtifacts_ImageId",
                table: "SimulatedArtifacts",
                column: "ImageId");

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedOperations_Machine",
                table: "SimulatedOperations",
                column: "Machine");

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedWriters_DeploymentId",
                table: "SimulatedWriters",
                column: "DeploymentId");

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedWriters_State_DueAt",
                table: "SimulatedWriters",
                columns: new[] { "State", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DriverKeys");

            migrationBuilder.DropTable(
                name: "SimulatedArtifacts");

            migrationBuilder.DropTable(
                name: "SimulatedMachines");

            migrationBuilder.DropTable(
                name: "SimulatedOperations");

            migrationBuilder.DropTable(
                name: "SimulatedWriters");

            migrationBuilder.DropTable(
                name: "WriterSessions");

            migrationBuilder.DropColumn(
                name: "StateReason",
                table: "PhysicalServers");
        }
    }
}
