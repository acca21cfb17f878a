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
/// Every path except the service root is read from the service (collections and their further pages, Links,
/// Actions targets and their ActionInfo), because vendors lay their trees out differently. A change the BMC
/// accepts as a task (202 Accepted and a task monitor) is followed until the task ends. A PATCH carries the
/// ETag last read and is retried once, on a fresh read, when the BMC answers 412. Operations may run
/// concurrently: they share one session, which is logged in on first use, reused for as long as the BMC takes it,
/// renewed once when the BMC answers 401, and deleted by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class RedfishClient : IAsyncDisposable
{
    private const string ServiceRootPath = "/redfish/v1/";
    private const string DefaultSessionsPath = "/redfish/v1/SessionService/Sessions";
    private const string AuthTokenHeader = "X-Auth-Token";

    // A task monitor is asked again after Retry-After, kept within these bounds: a BMC saying 0 is not polled in
    // a tight loop, one saying an hour is still asked within the task timeout.
    private static readonly TimeSpan MinimumPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumPoll = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromSeconds(1);

    private readonly RedfishEndpoint endpoint;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly string? pinnedSha256;
    private readonly SemaphoreSlim sessionLock = new(1, 1);
    private RedfishSession? session;
    private JsonObject? serviceRoot;
    private string? systemPath;
    private string? presentedSha256;
    private SslPolicyErrors presentedErrors;
    private bool disposed;

    public RedfishClient(RedfishEndpoint endpoint, ILogger<RedfishClient>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var errors = endpoint.Validate("endpoint").ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid Redfish endpoint: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}", nameof(endpoint));
        }

        this.endpoint = endpoint;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        this.time = time ?? TimeProvider.System;
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

    /// <summary>
    /// The managed system: the one <see cref="RedfishEndpoint.ChosenSystemId"/> names, or the only member of the
    /// Systems collection (every page of it).
    /// </summary>
    public async Task<RedfishSystem> GetSystemAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var boot = Get(system.Body, "Boot");
        return new RedfishSystem
        {
            Id = GetString(system.Body, "Id") ?? system.Path.TrimEnd('/').Split('/')[^1],
            Path = system.Path,
            PowerState = PowerStateOf(system.Body),
            BootSourceOverrideTarget = GetString(boot, "BootSourceOverrideTarget"),
            BootSourceOverrideEnabled = GetString(boot, "BootSourceOverrideEnabled"),
        };
    }

    public async Task<PowerState> GetPowerStateAsync(CancellationToken cancellationToken) =>
        (await GetSystemAsync(cancellationToken)).PowerState;

    /// <summary>
    /// POSTs ComputerSystem.Reset to the target the system advertises, as it is asked: no reading of the power
    /// state first (<see cref="PowerOnAsync"/>, <see cref="PowerOffAsync"/> and <see cref="RestartAsync"/> do).
    /// When the BMC lists the reset types it allows (ResetType@Redfish.AllowableValues, or the action's
    /// ActionInfo), a type outside them is refused here with the list in the message.
    /// </summary>
    public async Task ResetAsync(ResetType resetType, CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var action = await ResetActionAsync(system, cancellationToken);
        await ResetAsync(system, action, resetType, cancellationToken);
    }

    /// <summary>
    /// Switches the system on unless it is on already (or powering on): BMCs refuse "On" for a running system.
    /// True when a reset was sent.
    /// </summary>
    public async Task<bool> PowerOnAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        if (PowerStateOf(system.Body) is PowerState.On or PowerState.PoweringOn)
        {
            logger.LogInformation("{System} on {Bmc} is on already; nothing sent", system.Path, Bmc);
            return false;
        }

        await ResetAsync(system, await ResetActionAsync(system, cancellationToken), ResetType.On, cancellationToken);
        return true;
    }

    /// <summary>Forces the system off unless it is off already. True when a reset was sent.</summary>
    public async Task<bool> PowerOffAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        if (PowerStateOf(system.Body) == PowerState.Off)
        {
            logger.LogInformation("{System} on {Bmc} is off already; nothing sent", system.Path, Bmc);
            return false;
        }

        await ResetAsync(system, await ResetActionAsync(system, cancellationToken), ResetType.ForceOff, cancellationToken);
        return true;
    }

    /// <summary>
    /// Restarts the system hard so that it boots again (into a one-time boot override just set): a system that is
    /// off is switched on; one that is on gets ForceRestart, or PowerCycle where the BMC does not offer
    /// ForceRestart, or else ForceOff, a wait until the BMC reports it off, and On.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var system = await ReadSystemAsync(cancellationToken);
        var action = await ResetActionAsync(system, cancellationToken);
        if (PowerStateOf(system.Body) == PowerState.Off)
        {
            await ResetAsync(system, action, ResetType.On, cancellationToken);
            return;
        }

        if (action.Allows("ResetType", nameof(ResetType.ForceRestart)))
        {
            await ResetAsync(system, action, ResetType.ForceRestart, cancellationToken);
        }
        else if (action.Allows("ResetType", nameof(ResetType.PowerCycle)))
        {
            await ResetAsync(system, action, ResetType.PowerCycle, cancellationToken);
        }
        else
        {
            await ResetAsync(system, action, ResetType.ForceOff, cancellationToken);
            await WaitForPowerStateAsync(PowerState.Off, cancellationToken);
            await ResetAsync(system, action, ResetType.On, cancellationToken);
        }
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

        await PatchAsync(system, _ => new JsonObject
        {
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideTarget"] = value,
                ["BootSourceOverrideEnabled"] = "Once",
            },
        }, cancellationToken);
        logger.LogInformation("Set one-time boot of {System} on {Bmc} to {BootTarget}", system.Path, Bmc, value);
    }

    /// <summary>
    /// Inserts <paramref name="image"/> into the CD/DVD virtual media. Idempotent, because a workflow step may run
    /// again: the same image already inserted is left alone, another one is ejected first. Where the media
    /// advertises #VirtualMedia.InsertMedia the action is used, with only the parameters its ActionInfo lists;
    /// otherwise (DMTF's own schema examples, many BMCs) the resource is PATCHed with Image, and Inserted and
    /// WriteProtected only where the resource has those properties.
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

            await EjectAsync(media, cancellationToken);
            media = await GetAsync(media.Path, cancellationToken);
        }

        if (await ActionAsync(media, "#VirtualMedia.InsertMedia", cancellationToken) is { } insert)
        {
            await SendAsync(HttpMethod.Post, insert.Target, InsertParameters(media, insert, image), ifMatch: null, cancellationToken);
        }
        else
        {
            await PatchAsync(media, current =>
            {
                var body = new JsonObject { ["Image"] = image.AbsoluteUri };
                if (Has(current, "Inserted"))
                {
                    body["Inserted"] = true;
                }

                if (Has(current, "WriteProtected"))
                {
                    body["WriteProtected"] = true;
                }

                return body;
            }, cancellationToken);
        }

        logger.LogInformation("Inserted {Image} in {Media} on {Bmc}", image, media.Path, Bmc);
    }

    /// <summary>Ejects the CD/DVD virtual media (the action, or a PATCH of Image to null); nothing to do when none is inserted.</summary>
    public async Task EjectVirtualMediaAsync(CancellationToken cancellationToken)
    {
        var media = await FindCdMediaAsync(cancellationToken);
        if (!IsInserted(media.Body))
        {
            return;
        }

        await EjectAsync(media, cancellationToken);
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
        var root = await ServiceRootAsync(cancellationToken);
        var systemsPath = ODataId(Get(root, "Systems"))
            ?? throw new RedfishException($"The BMC at {Bmc} lists no Systems in its service root.");
        var members = await MembersAsync(systemsPath, cancellationToken);
        var ids = members.Select(m => m.TrimEnd('/').Split('/')[^1]).ToList();
        if (endpoint.ChosenSystemId is not { } chosen)
        {
            return members.Count switch
            {
                1 => members[0],
                0 => throw new RedfishException($"The BMC at {Bmc} has no computer system in {systemsPath}."),
                _ => throw new RedfishException(
                    $"The BMC at {Bmc} manages several systems ({FormatList(ids)}); give the one to manage as the BMC address, " +
                    $"e.g. https://{Bmc}{members[0].TrimEnd('/')}."),
            };
        }

        return members.FirstOrDefault(m => m.TrimEnd('/').EndsWith("/" + chosen, StringComparison.Ordinal))
            ?? throw new RedfishException($"The BMC at {Bmc} has no system {chosen}; it has {FormatList(ids)}.");
    }

    /// <summary>The service root, read once: it is open (no credentials) and does not change while a client lives.</summary>
    private async Task<JsonObject> ServiceRootAsync(CancellationToken cancellationToken) =>
        serviceRoot ??= (await SendAsync(HttpMethod.Get, ServiceRootPath, body: null, ifMatch: null, cancellationToken, authenticate: false)).Body;

    /// <summary>The members of a collection on every page: Members@odata.nextLink is followed until there is none.</summary>
    private async Task<IReadOnlyList<string>> MembersAsync(string collectionPath, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        var pages = new HashSet<string>(StringComparer.Ordinal);
        for (string? page = collectionPath; page is not null;)
        {
            if (!pages.Add(page))
            {
                throw new RedfishException($"The BMC at {Bmc} pages {collectionPath} in a circle (back to {page}).");
            }

            var body = (await GetAsync(page, cancellationToken)).Body;
            members.AddRange(Members(body));
            page = NextLink(body);
        }

        return members;
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
        if (managerPath is null && ODataId(Get(await ServiceRootAsync(cancellationToken), "Managers")) is { } managersPath)
        {
            managerPath = (await MembersAsync(managersPath, cancellationToken)).FirstOrDefault();
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
            foreach (var member in await MembersAsync(collection, cancellationToken))
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

    private static PowerState PowerStateOf(JsonObject system) =>
        Enum.TryParse<PowerState>(GetString(system, "PowerState"), ignoreCase: false, out var state) && Enum.IsDefined(state)
            ? state
            : PowerState.Unknown;

    /// <summary>The InsertMedia body: Image, and Inserted/WriteProtected/TransferProtocolType where the action takes them.</summary>
    private JsonObject InsertParameters(RedfishResource media, RedfishAction insert, Uri image)
    {
        if (!insert.Takes("Image"))
        {
            throw new RedfishException($"The BMC at {Bmc} lists no Image parameter for #VirtualMedia.InsertMedia on {media.Path}.");
        }

        var body = new JsonObject { ["Image"] = image.AbsoluteUri };

        // Without an ActionInfo the resource's own properties say what the BMC knows of; with one, its list does.
        if ((insert.Listed is null ? Has(media.Body, "Inserted") : insert.Takes("Inserted")) && insert.Allows("Inserted", "true"))
        {
            body["Inserted"] = true;
        }

        if ((insert.Listed is null ? Has(media.Body, "WriteProtected") : insert.Takes("WriteProtected")) && insert.Allows("WriteProtected", "true"))
        {
            body["WriteProtected"] = true;
        }

        // Some BMCs require the protocol rather than reading it from the URL; it is sent only when required.
        var protocol = image.Scheme.ToUpperInvariant();
        if (insert.Requires("TransferProtocolType"))
        {
            body["TransferProtocolType"] = insert.Allows("TransferProtocolType", protocol)
                ? protocol
                : throw new RedfishException(
                    $"The BMC at {Bmc} mounts virtual media over {FormatList(insert.AllowedValues("TransferProtocolType") ?? [])}, not {protocol} ({image}).");
        }

        return body;
    }

    private async Task EjectAsync(RedfishResource media, CancellationToken cancellationToken)
    {
        if (await ActionAsync(media, "#VirtualMedia.EjectMedia", cancellationToken) is { } eject)
        {
            // An empty JSON body rather than none: some BMCs reject an action POST without a body.
            await SendAsync(HttpMethod.Post, eject.Target, new JsonObject(), ifMatch: null, cancellationToken);
            return;
        }

        await PatchAsync(media, current =>
        {
            var body = new JsonObject { ["Image"] = null };
            if (Has(current, "Inserted"))
            {
                body["Inserted"] = false;
            }

            return body;
        }, cancellationToken);
    }

    private async Task<RedfishAction> ResetActionAsync(RedfishResource system, CancellationToken cancellationToken) =>
        await ActionAsync(system, "#ComputerSystem.Reset", cancellationToken)
        ?? throw new RedfishException($"The BMC at {Bmc} offers no #ComputerSystem.Reset action on {system.Path}.");

    private async Task ResetAsync(RedfishResource system, RedfishAction action, ResetType resetType, CancellationToken cancellationToken)
    {
        var value = resetType.ToString();
        if (!action.Allows("ResetType", value))
        {
            throw new RedfishException(
                $"The BMC at {Bmc} does not allow reset type {value} on {system.Path}; it allows {FormatList(action.AllowedValues("ResetType") ?? [])}.");
        }

        await SendAsync(HttpMethod.Post, action.Target, new JsonObject { ["ResetType"] = value }, ifMatch: null, cancellationToken);
        logger.LogInformation("Reset {System} on {Bmc} with {ResetType}", system.Path, Bmc, value);
    }

    private async Task WaitForPowerStateAsync(PowerState wanted, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + endpoint.TaskTimeout;
        while (true)
        {
            var state = PowerStateOf((await ReadSystemAsync(cancellationToken)).Body);
            if (state == wanted)
            {
                return;
            }

            if (time.GetUtcNow() + DefaultPoll > deadline)
            {
                throw new RedfishException(
                    $"The BMC at {Bmc} still reports {state}, not {wanted}, after {endpoint.TaskTimeout.TotalSeconds:0} s.");
            }

            await Task.Delay(DefaultPoll, time, cancellationToken);
        }
    }

    /// <summary>An action the resource advertises, with its ActionInfo read when it has one; null when it advertises none.</summary>
    private async Task<RedfishAction?> ActionAsync(RedfishResource resource, string name, CancellationToken cancellationToken)
    {
        if (Get(Get(resource.Body, "Actions"), name) is not JsonObject action)
        {
            return null;
        }

        var target = GetString(action, "target")
            ?? throw new RedfishException($"The BMC at {Bmc} gives no target for {name} on {resource.Path}.");
        Dictionary<string, RedfishActionParameter>? listed = null;
        if (GetString(action, "@Redfish.ActionInfo") is { } infoPath)
        {
            listed = new(StringComparer.Ordinal);
            if (Get((await GetAsync(infoPath, cancellationToken)).Body, "Parameters") is JsonArray parameters)
            {
                foreach (var parameter in parameters)
                {
                    if (GetString(parameter, "Name") is { } parameterName)
                    {
                        listed[parameterName] = new RedfishActionParameter(
                            parameterName,
                            GetBool(parameter, "Required") ?? false,
                            Get(parameter, "AllowableValues") is JsonArray values ? [.. values.Select(v => v?.ToString()).OfType<string>()] : null);
                    }
                }
            }
        }

        const string annotation = "@Redfish.AllowableValues";
        var inline = action
            .Where(p => p.Key.EndsWith(annotation, StringComparison.Ordinal) && p.Value is JsonArray)
            .ToDictionary(p => p.Key[..^annotation.Length], p => (IReadOnlyList<string>)[.. ((JsonArray)p.Value!).Select(v => v?.ToString()).OfType<string>()], StringComparer.Ordinal);
        return new RedfishAction(target, listed, inline);
    }

    /// <summary>
    /// PATCHes the resource with If-Match of the ETag it was read with; when the BMC answers 412 (someone changed
    /// it since), reads it again and sends the body made from the fresh state once more.
    /// </summary>
    private async Task PatchAsync(RedfishResource resource, Func<JsonObject, JsonObject> bodyFor, CancellationToken cancellationToken)
    {
        var current = resource;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(HttpMethod.Patch, current.Path, bodyFor(current.Body), current.ETag ?? GetString(current.Body, "@odata.etag"), cancellationToken);
                return;
            }
            catch (RedfishException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed && attempt == 1)
            {
                logger.LogInformation("{Resource} on {Bmc} changed since it was read (412); reading it again", current.Path, Bmc);
                current = await GetAsync(current.Path, cancellationToken);
            }
        }
    }

    private async Task<RedfishResource> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, body: null, ifMatch: null, cancellationToken);
        return new RedfishResource(ODataId(response.Body) ?? path, response.Body, response.ETag);
    }

    private async Task<RedfishResponse> SendAsync(
        HttpMethod method, string pathOrUrl, JsonObject? body, string? ifMatch, CancellationToken cancellationToken, bool authenticate = true, bool followTask = true)
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

            var answer = new RedfishResponse(response.StatusCode, ParseObject(text), response.Headers.ETag?.ToString(), Location(response, uri))
            {
                AuthToken = response.Headers.TryGetValues(AuthTokenHeader, out var tokens) ? tokens.FirstOrDefault() : null,
                RetryAfter = RetryAfter(response),
            };
            return answer.StatusCode == HttpStatusCode.Accepted && followTask && method != HttpMethod.Get
                ? await FollowTaskAsync(method, uri, answer, cancellationToken)
                : answer;
        }
    }

    /// <summary>
    /// Follows a change the BMC accepted as a task to its end. The task monitor (the Location of the 202, else the
    /// Task resource in its body) answers 202 while the task runs and then the operation's own answer; some BMCs
    /// point at the Task resource itself, which answers 200 with its TaskState. Retry-After is honoured, and the
    /// whole wait is bounded by <see cref="RedfishEndpoint.TaskTimeout"/>.
    /// </summary>
    private async Task<RedfishResponse> FollowTaskAsync(HttpMethod method, Uri uri, RedfishResponse accepted, CancellationToken cancellationToken)
    {
        var monitor = accepted.Location?.ToString() ?? ODataId(accepted.Body);
        if (monitor is null)
        {
            // Accepted with nothing to follow: the BMC gives no way to learn the outcome, so accepted it stays.
            logger.LogInformation("The BMC at {Bmc} accepted {Method} {Path} without a task monitor", Bmc, method, uri.AbsolutePath);
            return accepted;
        }

        var deadline = time.GetUtcNow() + endpoint.TaskTimeout;
        var answer = accepted;
        while (true)
        {
            var wait = Clamp(answer.RetryAfter ?? DefaultPoll);
            if (time.GetUtcNow() + wait > deadline)
            {
                throw new RedfishException(
                    $"The BMC at {Bmc} did not finish {method} {uri.AbsolutePath} within {endpoint.TaskTimeout.TotalSeconds:0} s (task monitor {Resolve(monitor).AbsolutePath}, last state {TaskState(answer.Body) ?? "running"}).");
            }

            await Task.Delay(wait, time, cancellationToken);
            answer = await SendAsync(HttpMethod.Get, monitor, body: null, ifMatch: null, cancellationToken, followTask: false);
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                continue;
            }

            switch (TaskState(answer.Body))
            {
                case null or "Completed":
                    logger.LogInformation("The BMC at {Bmc} finished {Method} {Path}", Bmc, method, uri.AbsolutePath);
                    return answer;
                case "Exception" or "Killed" or "Cancelled":
                    var messages = Get(answer.Body, "Messages") is JsonArray list
                        ? list.Select(m => GetString(m, "Message")).OfType<string>().Select(Mask).ToList()
                        : [];
                    throw new RedfishException(
                        $"The BMC at {Bmc} failed {method} {uri.AbsolutePath}: its task ended {TaskState(answer.Body)}" +
                        (messages.Count > 0 ? ": " + string.Join(" ", messages) : "."), answer.StatusCode, messages);
                default:
                    // New, Starting, Running, Pending, Suspended, Interrupted, Stopping, Cancelling, Service: not ended yet.
                    continue;
            }
        }
    }

    private static string? TaskState(JsonObject body) => GetString(body, "TaskState");

    private static TimeSpan Clamp(TimeSpan wait) => wait < MinimumPoll ? MinimumPoll : wait > MaximumPoll ? MaximumPoll : wait;

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };

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

            var root = await ServiceRootAsync(cancellationToken);
            var sessionsPath = ODataId(Get(Get(root, "Links"), "Sessions")) ?? DefaultSessionsPath;
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
