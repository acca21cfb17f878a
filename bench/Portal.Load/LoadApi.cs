using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Portal.Load;

/// <summary>The portal's HTTP API as the clients call it: one shared connection pool per node, a bearer token per call.</summary>
public sealed class LoadApi(HttpClient http, TimeSpan timeout)
{
    /// <summary>The demo library's Ubuntu image and the simulated virtual platform (LibraryDemoData, InventoryDemoData).</summary>
    public static readonly Guid Ubuntu = Guid.Parse("1d0c0000-0000-4000-8000-000000000001");

    public static readonly Guid SimulatedVirtual = Guid.Parse("9a1e0000-0000-4000-8000-000000000006");

    public static HttpClient CreateHttpClient(Uri address) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = address,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public Task<ApiAnswer> SubmitAsync(string token, string hostname, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/api/requests", token, new
        {
            imageId = Ubuntu,
            placement = "Virtual",
            platformId = SimulatedVirtual,
            hardware = new Dictionary<string, decimal> { ["Processor"] = 2, ["Memory"] = 4 },
            parameters = new Dictionary<string, object?> { ["adminPassword"] = "Correct-Horse-42" },
            quantity = 1,
            hostnamePattern = hostname,
            justification = "Load test of the portal (bench/Portal.Load).",
        }, cancellationToken);

    public Task<ApiAnswer> ApproveAsync(string token, string taskId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", token, new { outcome = "Approved" }, cancellationToken);

    public Task<ApiAnswer> RequestAsync(string token, Guid id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"/api/requests/{id}", token, null, cancellationToken);

    public Task<ApiAnswer> RegisterHostAsync(string token, string name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "/api/inventory/hosts", token, new
        {
            name,
            platformId = SimulatedVirtual,
            connection = $"simulated://{name}",
            physicalCpus = 100_000,
            overcommitRatio = 4,
            memoryGiB = 1_000_000,
            storageGiB = 100_000_000,
        }, cancellationToken);

    public Task<ApiAnswer> MetricsAsync(string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "/metrics", token, null, cancellationToken);

    /// <summary>One call, timed from sending to the whole body read; a timeout is an answer with no status.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string token, object? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, path);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            message.Content = JsonContent.Create(body);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            return new ApiAnswer(response.StatusCode, text, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiAnswer(null, $"no answer within {timeout.TotalSeconds:0} s", clock.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            return new ApiAnswer(null, $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalMilliseconds);
        }
    }
}
