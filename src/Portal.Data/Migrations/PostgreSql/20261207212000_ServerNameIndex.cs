using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data.Providers;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <summary>
    /// An index on lower(Name) of Servers: every submission looks its host names up among live servers by lower-cased
    /// name, which scanned every server (tens of milliseconds per look-up at 100,000 servers). EF's model cannot state
    /// an expression index, so it is SQL here and the model snapshot does not change.
    /// </summary>
    [DbContext(typeof(PostgreSqlPortalDbContext))]
    [Migration("20261207212000_ServerNameIndex")]
    public partial class ServerNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX \"IX_Servers_NameLower\" ON \"Servers\" (lower(\"Name\"));");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX \"IX_Servers_NameLower\";");
    }
}
