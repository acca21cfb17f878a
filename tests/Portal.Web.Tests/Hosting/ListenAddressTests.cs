using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// `dotnet run --project src/Portal.Web`, as the README says, listens where the operator asks: ASPNETCORE_URLS or
/// --urls, with http://localhost:5080 only as the default when neither is given, never forced by launchSettings.json.
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("environment")]
    [InlineData("command line")]
    public async Task Dotnet_run_listens_on_the_address_given_by_aspnetcore_urls_or_the_urls_argument(string how)
    {
        using var folder = new Portal.Testing.TempDirectory();
        var address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--no-build", "--project", Path.Combine(RepositoryRoot(), "src", "Portal.Web") },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment = { ["Portal__DataDirectory"] = folder.Path, ["DOTNET_NOLOGO"] = "1" },
        };
        if (how == "environment")
        {
            start.Environment["ASPNETCORE_URLS"] = address;
        }
        else
        {
            start.ArgumentList.Add("--");
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(address);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            using var client = new HttpClient();
            HttpStatusCode? status = null;
            // A first start migrates and seeds a new database; with the whole suite on two cores that can take minutes.
            for (var deadline = DateTime.UtcNow.AddSeconds(240); status is null && DateTime.UtcNow < deadline && !process.HasExited;)
            {
                try
                {
                    status = (await client.GetAsync($"{address}/health", TestContext.Current.CancellationToken)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(500, TestContext.Current.CancellationToken);
                }
            }

            if (status != HttpStatusCode.OK)
            {
                process.Kill(entireProcessTree: true);
                var printed = await output.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
                Assert.Fail($"the portal started with {how} {address} answered {status?.ToString() ?? "nothing"} there (exited: {process.HasExited}); it printed:\n{printed}");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Portal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Portal.sln above {AppContext.BaseDirectory}.");
    }
}
