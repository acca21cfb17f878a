using System.Collections.Concurrent;

namespace Portal.Web.Tests.Security.SecretsScan;

/// <summary>Keeps the body (and headers) of every response a test client receives, pages and API alike.</summary>
public sealed class RecordingHandler(ConcurrentQueue<string> responses) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        responses.Enqueue($"{request.Method} {request.RequestUri} -> {(int)response.StatusCode}\n{response.Headers}\n{response.Content.Headers}\n{body}");

        // Reading buffered the content; the caller reads it again from the buffer.
        return response;
    }
}
