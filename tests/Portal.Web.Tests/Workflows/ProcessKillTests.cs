using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Portal.Testing;

namespace Portal.Web.Tests.Workflows;

/// <summary>
/// The real portal process is killed (SIGKILL) while an instance waits on a timer; a new process on the same
/// database fires the timer and finishes the instance, with every step run exactly once.
/// </summary>
public sealed class ProcessKillTests
{
    private const string Definition = """
        { "schemaVersion": 1, "id": "kill-test", "name": "Kill test",
          "variables": [ { "name": "n", "type": "number", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "first", "type": "SetVariable", "inputs": { "variable": { "value": "n" }, "value": { "expression": "variables.n + 1" } } },
            { "id": "pause", "type": "Delay", "inputs": { "duration": { "value": 4 } } },
            { "id": "second", "type": "SetVariable", "inputs": { "variable": { "value": "n" }, "value": { "expression": "variables.n + 10" } } },
            { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "first" }, { "from": "first", "outcome": "Done", "to": "pause" },
                           { "from": "pause", "outcome": "Done", "to": "second" }, { "from": "second", "outcome": "Done", "to": "end" } ] }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_portal_loses_nothing_and_its_timer_fires_in_the_next_process()
    {
        using var data = new TempDirectory();
        using var shipped = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(shipped.Path, "kill-test.json"), Definition, Token);

        string instanceId;
        using (var first = await PortalProcess.StartAsync(data.Path, shipped.Path))
        {
            using var admin = await first.AdminClientAsync();
            using var started = await admin.PostAsJsonAsync("/api/workflows/kill-test/instances", new { }, Token);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            instanceId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>(Token))!["id"]!;
            await InstancePolling.WaitForStatusAsync(admin, instanceId, "Suspended", Token);
            first.Kill();
        }

        using var second = await PortalProcess.StartAsync(data.Path, shipped.Path);
        using var again = await second.AdminClientAsync();
        var done = await InstancePolling.WaitForStatusAsync(again, instanceId, "Completed", Token);

        Assert.Equal(11, (double)done["variables"]!["n"]!);
        Assert.Single(done["journal"]!.AsArray(), e => (string?)e!["activityId"] == "first");
        Assert.Single(done["journal"]!.AsArray(), e => (string?)e!["activityId"] == "second");
    }

    /// <summary>Portal.Web.dll in its own process, on a free loopback port.</summary>
    private sealed class PortalProcess : IDisposable
    {
        private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

        private readonly Process process;

        private PortalProcess(Process process, Uri address)
        {
            this.process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<PortalProcess> StartAsync(string dataDirectory, string definitions)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ASPNETCORE_URLS"] = address.ToString(),
                    ["Portal__DataDirectory"] = dataDirectory,
                    ["Portal__Workflows__DefinitionsFolder"] = definitions,
                    ["Portal__Workflows__PollIntervalMilliseconds"] = "100",
                    ["Portal__Seed__DemoUsers"] = "true",
                    ["Portal__Seed__DemoPassword"] = PortalAppFactory.DemoPassword,
                },
            };
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var portal = new PortalProcess(process, address);
            using var probe = new HttpClient { BaseAddress = address };
            // A cold start on a loaded two-core machine (the suite builds and runs other processes) has taken over 30 s;
            // the deadline only bounds a start that never comes, it measures nothing.
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < StartDeadline)
            {
                try
                {
                    if ((await probe.GetAsync("/health", Token)).IsSuccessStatusCode)
                    {
                        return portal;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                Assert.False(process.HasExited, $"The portal process exited with {(process.HasExited ? process.ExitCode : 0)}.");
                await Task.Delay(100, Token);
            }

            portal.Dispose();
            throw new Xunit.Sdk.XunitException($"The portal process did not become healthy in {StartDeadline.TotalSeconds} s.");
        }

        public async Task<HttpClient> AdminClientAsync()
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = Address,
            };
            await FormSignIn.SignInAsync(client, "admin@portal.local");
            return client;
        }

        /// <summary>SIGKILL: no shutdown, no flush, as a crash or an OOM kill would.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
