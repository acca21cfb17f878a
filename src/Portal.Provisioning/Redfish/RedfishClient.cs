using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Domain.Library;
using static Portal.Provisioning.Redfish.RedfishJson;

namespace Portal.Provisioning.Redfish;

/// <summary>
/// Power, one-time boot and virtual media of one computer system behind one BMC, over Redfish.
/// Every path except the service root is read from the service (collections, Links, Actions targets), because
/// vendors lay their trees out differently. Operations may run concurrently: they share one session, which is
/// logged in on first use, renewed once when the BMC answers 401, and deleted by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class RedfishClient : IAsyncDisposable
{
    private const string ServiceRootPath = "/redfish/v1/";
    private const string DefaultSessionsPath = "/redfish/v1/SessionService/Sessions";
    private const string AuthTokenHeader = "X-Auth-Token";

    private readonly RedfishEndpoint endpoint;
    private readonly ILogger logger;
    private readonly HttpClient http;
    private readonly string? pinnedSha256;
    private readonly SemaphoreSlim sessionLock = new(1, 1);
    private RedfishSession? session;
    private string? systemPath;
    private string? presentedSha256;
    private SslPolicyErrors presentedErrors;
    private bool disposed;

    public RedfishClient(RedfishEndpoint endpoint, ILogger<RedfishClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var errors = endpoint.Validate("endpoint").ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid Redfish endpoint: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}", nameof(endpoint));
        }

        this.endpoint = endpoint;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        pinnedSha256 = endpoint.CertificateSha256 is null ? null : RedfishEndpoint.NormalizeSha256(endpoint.CertificateSha256);
        var handler = new SocketsHttpHandler
        {
            // A redirect would carry X-Auth-Token to wherever the BMC points; Redfish services do not redirect.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        http = new HttpClient(handler) { Timeout = endpoint.Timeout };
    }

    private string Bmc => endpoint.BaseUri.Authority;

    /// <summary>The managed system: <see cref="RedfishEndpoint.SystemId"/>, or the first member of the Systems collection.</summary>
    public async Task<RedfishSystem> GetSystemAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var boot = Get(system.Body, "Boot");
        return new RedfishSystem
        {
            Id = GetString(system.Body, "Id") ?? system.Path.TrimEnd('/').Split('/')[^1],
            Path = system.Path,
            PowerState = Enum.TryParse<PowerState>(GetString(system.Body, "PowerState"), ignoreCase: false, out var state) && Enum.IsDefined(state)
                ? state
                : PowerState.Unknown,
            BootSourceOverrideTarget = GetString(boot, "BootSourceOverrideTarget"),
            BootSourceOverrideEnabled = GetString(boot, "BootSourceOverrideEnabled"),
        };
    }

    public async Task<PowerState> GetPowerStateAsync(CancellationToken cancellationToken) =>
        (await GetSystemAsync(cancellationToken)).PowerState;

    /// <summary>
    /// POSTs ComputerSystem.Reset to the target the system advertises. When the action lists
    /// ResetType@Redfish.AllowableValues, a type outside it is refused here with the list in the message.
    /// </summary>
    public async Task ResetAsync(ResetType resetType, CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var action = Get(Get(system.Body, "Actions"), "#ComputerSystem.Reset")
            ?? throw new RedfishException($"The BMC at {Bmc} offers no #ComputerSystem.Reset action on {system.Path}.");
        var target = GetString(action, "target")
            ?? throw new RedfishException($"The BMC at {Bmc} gives no target for #ComputerSystem.Reset on {system.Path}.");
        var value = resetType.ToString();
        var allowed = Strings(Get(action, "ResetType@Redfish.AllowableValues"));
        if (Get(action, "ResetType@Redfish.AllowableValues") is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new RedfishException(
                $"The BMC at {Bmc} does not allow reset type {value} on {system.Path}; it allows {FormatList(allowed)}.");
        }

        await SendAsync(HttpMethod.Post, target, new JsonObject { ["ResetType"] = value }, ifMatch: null, cancellationToken);
        logger.LogInformation("Reset {System} on {Bmc} with {ResetType}", system.Path, Bmc, value);
    }

    /// <summary>
    /// PATCHes Boot.BootSourceOverrideTarget with BootSourceOverrideEnabled "Once", sending the system's ETag as
    /// If-Match when it has one (some BMCs refuse a PATCH without it).
    /// </summary>
    public async Task SetOneTimeBootAsync(BootTarget target, CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var value = target.ToString();
        var allowedNode = Get(Get(system.Body, "Boot"), "BootSourceOverrideTarget@Redfish.AllowableValues");
        var allowed = Strings(allowedNode);
        if (allowedNode is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new RedfishException(
                $"The BMC at {Bmc} does not allow boot target {value} on {system.Path}; it allows {FormatList(allowed)}.");
        }

        var body = new JsonObject
        {
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideTarget"] = value,
                ["BootSourceOverrideEnabled"] = "Once",
            },
        };
        await SendAsync(HttpMethod.Patch, system.Path, body, system.ETag ?? GetString(system.Body, "@odata.etag"), cancellationToken);
        logger.LogInformation("Set one-time boot of {System} on {Bmc} to {BootTarget}", system.Path, Bmc, value);
    }

    /// <summary>
    /// Inserts <paramref name="image"/> into the manager's CD/DVD virtual media. Idempotent, because a workflow
    /// step may run again: the same image already inserted is left alone, another one is ejected first.
    /// </summary>
    public async Task InsertVirtualMediaAsync(Uri image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.IsAbsoluteUri)
        {
            throw new ArgumentException("The image must be an absolute URL the BMC can fetch.", nameof(image));
        }

        var media = await FindCdMediaAsync(cancellationToken);
        if (IsInserted(media.Body))
        {
            if (string.Equals(GetString(media.Body, "Image"), image.AbsoluteUri, StringComparison.Ordinal))
            {
                logger.LogInformation("{Image} is already inserted in {Media} on {Bmc}", image, media.Path, Bmc);
                return;
            }

            await PostMediaActionAsync(media, "#VirtualMedia.EjectMedia", new JsonObject(), cancellationToken);
        }

        var body = new JsonObject { ["Image"] = image.AbsoluteUri, ["Inserted"] = true, ["WriteProtected"] = true };
        await PostMediaActionAsync(media, "#VirtualMedia.InsertMedia", body, cancellationToken);
        logger.LogInformation("Inserted {Image} in {Media} on {Bmc}", image, media.Path, Bmc);
    }

    /// <summary>Ejects the CD/DVD virtual media; nothing to do when none is inserted.</summary>
    public async Task EjectVirtualMediaAsync(CancellationToken cancellationToken)
    {
        var media = await FindCdMediaAsync(cancellationToken);
        if (!IsInserted(media.Body))
        {
            return;
        }

        // An empty JSON body rather than none: some BMCs reject an action POST without a body.
        await PostMediaActionAsync(media, "#VirtualMedia.EjectMedia", new JsonObject(), cancellationToken);
        logger.LogInformation("Ejected the virtual media {Media} on {Bmc}", media.Path, Bmc);
    }

    /// <summary>Logs out (DELETE of the session) when a session was opened; a failure to log out is logged, not thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        var current = Interlocked.Exchange(ref session, null);
        if (current is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var request = new HttpRequestMessage(HttpMethod.Delete, current.Location);
                request.Headers.TryAddWithoutValidation(AuthTokenHeader, current.Token);
                using var response = await http.SendAsync(request, timeout.Token);
                if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                {
                    logger.LogWarning("The BMC at {Bmc} answered {StatusCode} to the logout; its session stays until it times out", Bmc, (int)response.StatusCode);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                logger.LogWarning("Could not log out of the BMC at {Bmc} ({Reason}); its session stays until it times out", Bmc, e.Message);
            }
        }

        http.Dispose();
        sessionLock.Dispose();
    }

    private async Task<RedfishResource> ReadSystemAsync(CancellationToken cancellationToken)
    {
        systemPath ??= await FindSystemPathAsync(cancellationToken);
        return await GetAsync(systemPath, cancellationToken);
    }

    private async Task<string> FindSystemPathAsync(CancellationToken cancellationToken)
    {
        var root = await SendAsync(HttpMethod.Get, ServiceRootPath, body: null, ifMatch: null, cancellationToken, authenticate: false);
        var systemsPath = ODataId(Get(root.Body, "Systems"))
            ?? throw new RedfishException($"The BMC at {Bmc} lists no Systems in its service root.");
        var members = Members((await GetAsync(systemsPath, cancellationToken)).Body);
        if (endpoint.SystemId is null)
        {
            return members.Count > 0
                ? members[0]
                : throw new RedfishException($"The BMC at {Bmc} has no computer system in {systemsPath}.");
        }

        return members.FirstOrDefault(m => m.TrimEnd('/').EndsWith("/" + endpoint.SystemId, StringComparison.Ordinal))
            ?? throw new RedfishException($"The BMC at {Bmc} has no system {endpoint.SystemId}; it has {FormatList(members)}.");
    }

    /// <summary>
    /// The first virtual media whose MediaTypes has CD or DVD, in the collection of the manager that manages the
    /// system (Links.ManagedBy, else the first manager), or else in the system's own collection (newer schemas).
    /// </summary>
    private async Task<RedfishResource> FindCdMediaAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var collections = new List<string>();
        var managerPath = ODataId(First(Get(Get(system.Body, "Links"), "ManagedBy")));
        if (managerPath is null)
        {
            var root = await SendAsync(HttpMethod.Get, ServiceRootPath, body: null, ifMatch: null, cancellationToken, authenticate: false);
            var managersPath = ODataId(Get(root.Body, "Managers"));
            managerPath = managersPath is null ? null : Members((await GetAsync(managersPath, cancellationToken)).Body).FirstOrDefault();
        }

        if (managerPath is not null && ODataId(Get((await GetAsync(managerPath, cancellationToken)).Body, "VirtualMedia")) is { } managerMedia)
        {
            collections.Add(managerMedia);
        }

        if (ODataId(Get(system.Body, "VirtualMedia")) is { } systemMedia)
        {
            collections.Add(systemMedia);
        }

        foreach (var collection in collections)
        {
            foreach (var member in Members((await GetAsync(collection, cancellationToken)).Body))
            {
                var media = await GetAsync(member, cancellationToken);
                if (Strings(Get(media.Body, "MediaTypes")).Any(t => t is "CD" or "DVD"))
                {
                    return media;
                }
            }
        }

        throw new RedfishException($"The BMC at {Bmc} offers no CD or DVD virtual media for {system.Path}.");
    }

    private static bool IsInserted(JsonObject media) =>
        GetBool(media, "Inserted") ?? !string.IsNullOrEmpty(GetString(media, "Image"));

    private async Task PostMediaActionAsync(RedfishResource media, string action, JsonObject body, CancellationToken cancellationToken)
    {
        var target = GetString(Get(Get(media.Body, "Actions"), action), "target")
            ?? throw new RedfishException($"The BMC at {Bmc} offers no {action} action on {media.Path}.");
        await SendAsync(HttpMethod.Post, target, body, ifMatch: null, cancellationToken);
    }

    private async Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, body: null, ifMatch: null, cancellationToken);
        return new RedfishResource(ODataId(response.Body) ?? path, response.Body, response.ETag);
    }

    private async Task<RedfishResponse> SendAsync(
        HttpMethod method, string pathOrUrl, JsonObject? body, string? ifMatch, CancellationToken cancellationToken, bool authenticate = true)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var uri = Resolve(pathOrUrl);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            if (body is not null)
            {
                // application/json without a charset parameter: a few BMCs reject "; charset=utf-8".
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            var token = authenticate ? await AuthorizeAsync(request, cancellationToken) : null;
            using var response = await TransmitAsync(request, cancellationToken);
            logger.LogDebug("Redfish {Method} {Path} on {Bmc}: {StatusCode}", method, uri.AbsolutePath, Bmc, (int)response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && attempt == 1)
            {
                // The session timed out or the BMC restarted: log in once more and repeat the request.
                logger.LogInformation("The session on {Bmc} is no longer valid; logging in again", Bmc);
                await DropSessionAsync(token, cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Failure(method, uri, response.StatusCode, response.ReasonPhrase, text);
            }

            return new RedfishResponse(response.StatusCode, ParseObject(text), response.Headers.ETag?.ToString(), Location(response, uri))
            {
                AuthToken = response.Headers.TryGetValues(AuthTokenHeader, out var tokens) ? tokens.FirstOrDefault() : null,
            };
        }
    }

    private async Task<HttpResponseMessage> TransmitAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new RedfishException(CertificateRefusal(), innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new RedfishException($"Could not reach the BMC at {Bmc}: {e.Message}", innerException: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RedfishException(
                $"The BMC at {Bmc} did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {endpoint.Timeout.TotalSeconds:0} s.", innerException: e);
        }
    }

    /// <summary>Adds the credentials; returns the session token used, so a 401 can renew exactly that session.</summary>
    private async Task<string?> AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (endpoint.Auth == RedfishAuth.Basic)
        {
            var pair = Encoding.UTF8.GetBytes($"{endpoint.UserName}:{endpoint.Password.Reveal()}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
            return null;
        }

        var current = session ?? await LogInAsync(cancellationToken);
        request.Headers.TryAddWithoutValidation(AuthTokenHeader, current.Token);
        return current.Token;
    }

    private async Task<RedfishSession> LogInAsync(CancellationToken cancellationToken)
    {
        await sessionLock.WaitAsync(cancellationToken);
        try
        {
            if (session is { } existing)
            {
                return existing;
            }

            var root = await SendAsync(HttpMethod.Get, ServiceRootPath, body: null, ifMatch: null, cancellationToken, authenticate: false);
            var sessionsPath = ODataId(Get(Get(root.Body, "Links"), "Sessions")) ?? DefaultSessionsPath;
            var credentials = new JsonObject { ["UserName"] = endpoint.UserName, ["Password"] = endpoint.Password.Reveal() };
            var answer = await SendAsync(HttpMethod.Post, sessionsPath, credentials, ifMatch: null, cancellationToken, authenticate: false);
            var token = answer.AuthToken
                ?? throw new RedfishException($"The BMC at {Bmc} opened a session but sent no X-Auth-Token.", answer.StatusCode);
            var location = answer.Location ?? (ODataId(answer.Body) is { } id ? Resolve(id) : null)
                ?? throw new RedfishException($"The BMC at {Bmc} opened a session but did not say where it is (no Location).", answer.StatusCode);
            session = new RedfishSession(token, Resolve(location.ToString()));
            logger.LogInformation("Logged in to the BMC at {Bmc} as {UserName}", Bmc, endpoint.UserName);
            return session;
        }
        finally
        {
            sessionLock.Release();
        }
    }

    private async Task DropSessionAsync(string staleToken, CancellationToken cancellationToken)
    {
        await sessionLock.WaitAsync(cancellationToken);
        try
        {
            // Another request may have renewed it already; only the session that failed is dropped.
            if (session?.Token == staleToken)
            {
                session = null;
            }
        }
        finally
        {
            sessionLock.Release();
        }
    }

    /// <summary>
    /// Resolves a path from the service against the BMC's address. An absolute URL on another host is refused:
    /// following it would hand the credentials to that host.
    /// </summary>
    private Uri Resolve(string pathOrUrl)
    {
        if (!Uri.TryCreate(endpoint.BaseUri, pathOrUrl, out var uri))
        {
            throw new RedfishException($"The BMC at {Bmc} gave an unusable link: {pathOrUrl}");
        }

        if (Uri.Compare(uri, endpoint.BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new RedfishException(
                $"The BMC at {Bmc} links to {uri.GetLeftPart(UriPartial.Authority)}, another host; the client does not send its credentials there.");
        }

        return uri;
    }

    private static Uri? Location(HttpResponseMessage response, Uri requestUri) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location : new Uri(requestUri, location)) : null;

    private static JsonObject ParseObject(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private RedfishException Failure(HttpMethod method, Uri uri, HttpStatusCode status, string? reason, string text)
    {
        var error = Get(ParseObject(text), "error");
        var messages = Get(error, "@Message.ExtendedInfo") is JsonArray extended
            ? extended.Select(info => GetString(info, "Message")).OfType<string>().ToList()
            : [];
        if (messages.Count == 0 && GetString(error, "message") is { } message)
        {
            messages.Add(message);
        }

        var masked = messages.Select(Mask).ToList();
        var said = masked.Count > 0 ? ": " + string.Join(" ", masked) : ".";
        return new RedfishException(
            $"The BMC at {Bmc} answered {method} {uri.AbsolutePath} with {(int)status} {reason}{said}", status, masked);
    }

    /// <summary>A BMC that echoes the credentials in its error must not carry them into our logs.</summary>
    private string Mask(string text)
    {
        var password = endpoint.Password.Reveal();
        if (password.Length > 0)
        {
            text = text.Replace(password, SecretValue.Mask, StringComparison.Ordinal);
        }

        return session is { } current ? text.Replace(current.Token, SecretValue.Mask, StringComparison.Ordinal) : text;
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            presentedSha256 = null;
            return false;
        }

        var sha256 = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
        presentedSha256 = sha256;
        presentedErrors = errors;
        return pinnedSha256 is null
            ? errors == SslPolicyErrors.None
            : CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sha256), Encoding.ASCII.GetBytes(pinnedSha256));
    }

    private string CertificateRefusal()
    {
        var presented = presentedSha256;
        if (presented is null)
        {
            return $"The TLS handshake with the BMC at {Bmc} failed before it presented a certificate.";
        }

        return pinnedSha256 is not null
            ? $"The BMC at {Bmc} presented a certificate with SHA-256 {presented}, not the pinned {pinnedSha256}; the connection was refused."
            : $"The BMC at {Bmc} presented a certificate the operating system does not trust ({presentedErrors}). " +
              $"If it is the BMC's own certificate, pin it: CertificateSha256 = {presented}.";
    }

    private static string FormatList(IReadOnlyList<string> values) => values.Count == 0 ? "none" : string.Join(", ", values);
}
