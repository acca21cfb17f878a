using Portal.Data.Configuration;

namespace Portal.Data.Tests;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void Without_any_setting_the_portal_uses_a_sqlite_file_in_the_data_folder()
    {
        var settings = DatabaseSettings.Resolve(null, null, "/var/lib/portal");

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal("Data Source=/var/lib/portal/portal.db", settings.ConnectionString);
    }

    [Theory]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData("SqlServer", DatabaseProvider.SqlServer)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    public void Provider_names_are_read_without_regard_to_case(string name, DatabaseProvider expected)
    {
        Assert.Equal(expected, DatabaseSettings.Resolve(name, "Host=db", "/data").Provider);
    }

    [Fact]
    public void An_unknown_provider_names_the_key_and_the_allowed_values()
    {
        var error = Assert.Throws<PortalConfigurationException>(() => DatabaseSettings.Resolve("Oracle", "x", "/data"));

        Assert.Contains("Portal:Database:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Oracle'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite, SqlServer, PostgreSql", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PostgreSql")]
    [InlineData("SqlServer")]
    public void A_server_provider_without_a_connection_string_names_the_key_to_set(string provider)
    {
        var error = Assert.Throws<PortalConfigurationException>(() => DatabaseSettings.Resolve(provider, " ", "/data"));

        Assert.Contains("ConnectionStrings:Portal", error.Message, StringComparison.Ordinal);
    }
}
