using System.Diagnostics;

namespace Portal.Web.Tests.Hosting;

/// <summary>Starts the real portal process with a bad setting and reads what an operator would see.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("Oracle", null, "Portal:Database:Provider has the unknown value 'Oracle'")]
    [InlineData("PostgreSql", null, "set ConnectionStrings:Portal")]
    [InlineData("SqlServer", null, "set ConnectionStrings:Portal")]
    public async Task A_bad_database_setting_stops_the_start_with_one_message_naming_the_key(
        string provider, string? connectionString, string expected)
    {
        using var folder = new Portal.Testing.TempDirectory();
        var start = new ProcessStartInfo("dotnet", [PortalDll()])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Portal__DataDirectory"] = folder.Path,
                ["Portal__Database__Provider"] = provider,
                ["ConnectionStrings__Portal"] = connectionString ?? "",
            },
        };

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var error = await stderr;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + await stdout, StringComparison.Ordinal);
    }

    private static string PortalDll()
    {
        // The test output holds Portal.Web.dll and its runtimeconfig, copied by the project reference.
        var dll = Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll");
        Assert.True(File.Exists(dll), $"Portal.Web.dll is not next to the tests at {dll}.");
        return dll;
    }
}
