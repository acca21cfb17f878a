using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Tests.Redfish;

/// <summary>
/// A Redfish service for one server, following the DMTF schema for the resources the client uses: ServiceRoot,
/// the Systems collection and a ComputerSystem (PowerState, Boot with AllowableValues, Actions with target and
/// ResetType@Redfish.AllowableValues, ETag), SessionService/Sessions (X-Auth-Token, Location), and Managers/1 with
/// a VirtualMedia collection holding a floppy and a CD. It keeps state (power, boot override, media) and records
/// every request, and serves HTTPS on 127.0.0.1 with the certificate it is given. A <see cref="FakeBmcVariant"/>
/// makes it behave like another family of BMCs: virtual media by PATCH only (DMTF's example shape), ActionInfo,
/// 202 task monitors, a stale ETag, paged collections, several systems, refusal of redundant power actions.
/// </summary>
internal sealed class FakeBmc : IAsyncDisposable
{
    public const string UserName = "root";
    public const string Password = "calvin-Pa55w0rd";
    public const string DefaultSystemId = "437XR1138R2";
    public const string SessionsPath = "/redfish/v1/SessionService/Sessions";
    public const string CdPath = "/redfish/v1/Managers/1/VirtualMedia/CD1";
    public const string FloppyPath = "/redfish/v1/Managers/1/VirtualMedia/Floppy1";
    public const string TaskMonitorsPath = "/redfish/v1/TaskService/TaskMonitors";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly Dictionary<string, string> sessionIdsByToken = [];
    private readonly List<RecordedRequest> requests = [];
    private readonly List<string> deletedSessions = [];
    private readonly Dictionary<string, (int Remaining, Action Apply, Func<JsonObject> Changed)> tasks = [];
    private int operationResponsesServed;
    private int version = 1;
    private int mediaVersion = 1;
    private int nextSessionId = 1;
    private int nextTaskId = 1;
    private bool staleETagGiven;

    private FakeBmc(WebApplication app, FakeBmcVariant variant)
    {
        this.app = app;
        Variant = variant;
    }

    public FakeBmcVariant Variant { get; }

    public string SystemId => Variant.SystemId;

    public string SystemPath => "/redfish/v1/Systems/" + SystemId;

    /// <summary>The ETag the CD currently has.</summary>
    public string MediaETag => $"W/\"cd-{Volatile.Read(ref mediaVersion)}\"";

    /// <summary>https://127.0.0.1:{port}, known once Kestrel has bound its port.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public string PowerState { get; set; } = "Off";

    /// <summary>How many completed tasks the monitor ended with the operation's own response instead of the Task resource.</summary>
    public int OperationResponsesServed => Volatile.Read(ref operationResponsesServed);

    public string BootSourceOverrideTarget { get; private set; } = "None";

    public string BootSourceOverrideEnabled { get; private set; } = "Disabled";

    public string CdImage { get; private set; } = string.Empty;

    public bool CdInserted { get; private set; }

    public string[] AllowedResetTypes { get; set; } = ["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart"];

    /// <summary>Whether the CD is write-protected (the PATCH forms let the client set it).</summary>
    public bool CdWriteProtected { get; private set; } = true;

    public string[] AllowedBootTargets { get; set; } = ["None", "Pxe", "Cd", "Hdd", "BiosSetup"];

    /// <summary>The reset action's target as advertised; a test may point it elsewhere.</summary>
    public string ResetTarget { get; set; } = null!;

    /// <summary>Behave like a careless BMC that repeats the submitted credentials in its error messages.</summary>
    public bool EchoCredentialsInErrors { get; set; }

    /// <summary>The ETag the system currently has, as sent in the ETag header and @odata.etag.</summary>
    public string SystemETag => $"W/\"{Volatile.Read(ref version)}\"";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public IReadOnlyList<string> ActiveSessions
    {
        get
        {
            lock (gate)
            {
                return [.. sessionIdsByToken.Values];
            }
        }
    }

    public IReadOnlyList<string> DeletedSessions
    {
        get
        {
            lock (gate)
            {
                return [.. deletedSessions];
            }
        }
    }

    public int Logins => Requests.Count(r => r.Method == "POST" && r.Path == SessionsPath);

    public static async Task<FakeBmc> StartAsync(X509Certificate2 certificate, FakeBmcVariant? variant = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var bmc = new FakeBmc(app, variant ?? FakeBmcVariant.Default);
        bmc.ResetTarget = bmc.SystemPath + "/Actions/ComputerSystem.Reset";
        if (bmc.Variant.Media != FakeVirtualMediaForm.Actions)
        {
            // The DMTF example shows an ejected drive with an empty write-protect flag set to false.
            bmc.CdWriteProtected = false;
        }

        app.Run(bmc.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        bmc.BaseUri = new Uri(address);
        return bmc;
    }

    /// <summary>Forget every session, as a BMC does when sessions time out or it restarts.</summary>
    public void ExpireSessions()
    {
        lock (gate)
        {
            sessionIdsByToken.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        var path = request.Path.Value!.TrimEnd('/');
        var token = request.Headers["X-Auth-Token"].FirstOrDefault();
        lock (gate)
        {
            requests.Add(new RecordedRequest(request.Method, path, token, request.Headers.Authorization.FirstOrDefault(), request.Headers.IfMatch.FirstOrDefault(), body)
            {
                Query = request.QueryString.Value ?? string.Empty,
                At = DateTimeOffset.UtcNow,
            });
        }

        var open = (request.Method == "GET" && path == "/redfish/v1") || (request.Method == "POST" && path == SessionsPath);
        if (!open && !IsAuthorized(request, token))
        {
            var echo = EchoCredentialsInErrors ? $" Credentials received: {DecodeBasic(request.Headers.Authorization.FirstOrDefault())}." : string.Empty;
            await ErrorAsync(context, 401, "Base.1.8.NoValidSession", "There is no valid session established with the implementation." + echo);
            return;
        }

        var systems = new[] { SystemId }.Concat(Variant.OtherSystemIds).Order(StringComparer.Ordinal).Select(id => "/redfish/v1/Systems/" + id).ToArray();
        var skip = int.TryParse(request.Query["$skip"].FirstOrDefault(), out var s) ? s : 0;
        switch (request.Method, path)
        {
            case ("GET", "/redfish/v1"):
                await JsonAsync(context, ServiceRoot());
                break;
            case ("POST", SessionsPath):
                await LoginAsync(context, body);
                break;
            case ("DELETE", _) when path.StartsWith(SessionsPath + "/", StringComparison.Ordinal):
                await LogoutAsync(context, path[(SessionsPath.Length + 1)..]);
                break;
            case ("GET", "/redfish/v1/Systems"):
                await JsonAsync(context, Collection("/redfish/v1/Systems", "#ComputerSystemCollection.ComputerSystemCollection", skip, systems));
                break;
            case ("GET", _) when path == SystemPath:
                context.Response.Headers.ETag = SystemETag;
                await JsonAsync(context, ComputerSystem());
                break;
            case ("GET", _) when systems.Contains(path):
                await JsonAsync(context, OtherSystem(path));
                break;
            case ("GET", _) when path == SystemPath + "/ResetActionInfo" && Variant.ResetActionInfo:
                await JsonAsync(context, ActionInfo(path, ("ResetType", true, AllowedResetTypes)));
                break;
            case ("PATCH", _) when path == SystemPath:
                await PatchSystemAsync(context, body);
                break;
            case ("POST", _) when path == ResetTarget:
                await ResetAsync(context, body);
                break;
            case ("GET", "/redfish/v1/Managers"):
                await JsonAsync(context, Collection("/redfish/v1/Managers", "#ManagerCollection.ManagerCollection", skip, "/redfish/v1/Managers/1"));
                break;
            case ("GET", "/redfish/v1/Managers/1"):
                await JsonAsync(context, Manager());
                break;
            case ("GET", "/redfish/v1/Managers/1/VirtualMedia"):
                await JsonAsync(context, Collection("/redfish/v1/Managers/1/VirtualMedia", "#VirtualMediaCollection.VirtualMediaCollection", skip, FloppyPath, CdPath));
                break;
            case ("GET", FloppyPath):
                await JsonAsync(context, VirtualMedia(FloppyPath, "Floppy1", ["Floppy", "USBStick"], string.Empty, inserted: false, writeProtected: true));
                break;
            case ("GET", CdPath):
                context.Response.Headers.ETag = MediaETag;
                await JsonAsync(context, VirtualMedia(CdPath, "CD1", ["CD", "DVD"], CdImage, CdInserted, CdWriteProtected));
                break;
            case ("GET", CdPath + "/InsertMediaActionInfo") when Variant.InsertMediaActionInfo:
                await JsonAsync(context, ActionInfo(path, ("Image", true, null), ("Inserted", false, ["true"])));
                break;
            case ("PATCH", CdPath):
                await PatchMediaAsync(context, body);
                break;
            case ("POST", CdPath + "/Actions/VirtualMedia.InsertMedia") when Variant.Media == FakeVirtualMediaForm.Actions:
                await InsertMediaAsync(context, body);
                break;
            case ("POST", CdPath + "/Actions/VirtualMedia.EjectMedia") when Variant.Media == FakeVirtualMediaForm.Actions:
                await EjectMediaAsync(context);
                break;
            case ("GET", _) when path.StartsWith(TaskMonitorsPath + "/", StringComparison.Ordinal):
                await TaskMonitorAsync(context, path[(TaskMonitorsPath.Length + 1)..]);
                break;
            default:
                await ErrorAsync(context, 404, "Base.1.8.ResourceMissingAtURI", $"The resource at the URI {path} was not found.");
                break;
        }
    }

    private bool IsAuthorized(HttpRequest request, string? token)
    {
        if (token is not null)
        {
            lock (gate)
            {
                return sessionIdsByToken.ContainsKey(token);
            }
        }

        return DecodeBasic(request.Headers.Authorization.FirstOrDefault()) == $"{UserName}:{Password}";
    }

    private static string? DecodeBasic(string? header) =>
        header is not null && header.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]))
            : null;

    private async Task LoginAsync(HttpContext context, string body)
    {
        var credentials = JsonNode.Parse(body);
        var user = (string?)credentials?["UserName"];
        var password = (string?)credentials?["Password"];
        if (user != UserName || password != Password)
        {
            var echo = EchoCredentialsInErrors ? $" Login as {user} with password {password} was refused." : string.Empty;
            await ErrorAsync(context, 401, "Base.1.8.InsufficientPrivilege", "The authentication credentials included with this request are missing or invalid." + echo);
            return;
        }

        string id;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (gate)
        {
            id = (nextSessionId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            sessionIdsByToken[token] = id;
        }

        var location = $"{SessionsPath}/{id}";
        context.Response.StatusCode = 201;
        context.Response.Headers["X-Auth-Token"] = token;
        context.Response.Headers.Location = location;
        await JsonAsync(context, new JsonObject
        {
            ["@odata.id"] = location,
            ["@odata.type"] = "#Session.v1_7_0.Session",
            ["Id"] = id,
            ["Name"] = "User Session",
            ["UserName"] = user,
        }, status: 201);
    }

    private async Task LogoutAsync(HttpContext context, string id)
    {
        lock (gate)
        {
            var token = sessionIdsByToken.FirstOrDefault(s => s.Value == id).Key;
            if (token is not null)
            {
                sessionIdsByToken.Remove(token);
                deletedSessions.Add(id);
            }
        }

        context.Response.StatusCode = 204;
        await Task.CompletedTask;
    }

    private async Task PatchSystemAsync(HttpContext context, string body)
    {
        // Like many BMCs: a PATCH must name the version it changes.
        var ifMatch = context.Request.Headers.IfMatch.FirstOrDefault();
        if (ifMatch is null)
        {
            await ErrorAsync(context, 428, "Base.1.8.PreconditionRequired", "A precondition header or annotation is required to change the resource.");
            return;
        }

        if (ifMatch != SystemETag || StaleOnce(ref version))
        {
            await ErrorAsync(context, 412, "Base.1.8.PreconditionFailed", "The ETag supplied did not match the ETag required to change this resource.");
            return;
        }

        var boot = JsonNode.Parse(body)?["Boot"];
        var target = (string?)boot?["BootSourceOverrideTarget"];
        var enabled = (string?)boot?["BootSourceOverrideEnabled"];
        if (target is not null && !AllowedBootTargets.Contains(target))
        {
            await ErrorAsync(context, 400, "Base.1.8.PropertyValueNotInList", $"The value '{target}' for the property BootSourceOverrideTarget is not in the list of acceptable values.");
            return;
        }

        if (enabled is not null and not ("Disabled" or "Once" or "Continuous"))
        {
            await ErrorAsync(context, 400, "Base.1.8.PropertyValueNotInList", $"The value '{enabled}' for the property BootSourceOverrideEnabled is not in the list of acceptable values.");
            return;
        }

        await ChangeAsync(context, () =>
        {
            BootSourceOverrideTarget = target ?? BootSourceOverrideTarget;
            BootSourceOverrideEnabled = enabled ?? BootSourceOverrideEnabled;
            Interlocked.Increment(ref version);
        });
    }

    private async Task ResetAsync(HttpContext context, string body)
    {
        var resetType = (string?)JsonNode.Parse(body)?["ResetType"];
        if (resetType is null || !AllowedResetTypes.Contains(resetType))
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionParameterNotSupported", "The parameter ResetType for the action ComputerSystem.Reset is not supported on the target resource.");
            return;
        }

        if (Variant.RefusesRedundantPower && ((resetType == "On" && PowerState == "On") || (resetType == "ForceOff" && PowerState == "Off")))
        {
            await ErrorAsync(context, 409, "Base.1.8.ActionNotSupported", $"The action ComputerSystem.Reset with {resetType} is not supported: the system is {PowerState} already.");
            return;
        }

        await ChangeAsync(context, () =>
        {
            PowerState = resetType is "ForceOff" or "GracefulShutdown" ? "Off" : "On";
            Interlocked.Increment(ref version);
        });
    }

    private async Task InsertMediaAsync(HttpContext context, string body)
    {
        var parameters = JsonNode.Parse(body)?.AsObject() ?? [];
        var image = (string?)parameters["Image"];
        if (string.IsNullOrEmpty(image))
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionParameterMissing", "The action VirtualMedia.InsertMedia requires the parameter Image to be present in the request body.");
            return;
        }

        if (Variant.InsertMediaActionInfo && parameters.Select(p => p.Key).FirstOrDefault(k => k is not ("Image" or "Inserted")) is { } unknown)
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionParameterUnknown", $"The action VirtualMedia.InsertMedia was submitted with the invalid parameter {unknown}.");
            return;
        }

        if (CdInserted)
        {
            await ErrorAsync(context, 409, "Base.1.8.ResourceInUse", "The change to the requested resource failed because the resource is in use or in transition.");
            return;
        }

        await ChangeAsync(context, () =>
        {
            CdImage = image;
            CdInserted = true;
        });
    }

    private async Task EjectMediaAsync(HttpContext context)
    {
        if (!CdInserted)
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionNotSupported", "No media is inserted.");
            return;
        }

        await ChangeAsync(context, () =>
        {
            CdImage = string.Empty;
            CdInserted = false;
        });
    }

    /// <summary>The PATCH forms: only the properties the resource has; an If-Match, when sent, must be current.</summary>
    private async Task PatchMediaAsync(HttpContext context, string body)
    {
        if (Variant.Media == FakeVirtualMediaForm.Actions)
        {
            context.Response.Headers.Allow = "GET";
            await ErrorAsync(context, 405, "Base.1.8.OperationNotAllowed", "The HTTP method is not allowed on this resource: use the InsertMedia and EjectMedia actions.");
            return;
        }

        var ifMatch = context.Request.Headers.IfMatch.FirstOrDefault();
        if ((ifMatch is not null && ifMatch != MediaETag) || StaleOnce(ref mediaVersion))
        {
            await ErrorAsync(context, 412, "Base.1.8.PreconditionFailed", "The ETag supplied did not match the ETag required to change this resource.");
            return;
        }

        var properties = JsonNode.Parse(body)?.AsObject() ?? [];
        var known = VirtualMedia(CdPath, "CD1", ["CD", "DVD"], CdImage, CdInserted, CdWriteProtected);
        if (properties.Select(p => p.Key).FirstOrDefault(k => !known.ContainsKey(k)) is { } unknown)
        {
            await ErrorAsync(context, 400, "Base.1.8.PropertyUnknown", $"The property {unknown} is not in the list of valid properties for the resource.");
            return;
        }

        var hasImage = properties.TryGetPropertyValue("Image", out var imageNode);
        var image = (string?)imageNode;
        var inserted = properties["Inserted"] is { } insertedNode ? (bool)insertedNode : (bool?)null;
        var writeProtected = properties["WriteProtected"] is { } protectedNode ? (bool)protectedNode : (bool?)null;
        if (hasImage && !string.IsNullOrEmpty(image) && CdInserted && image != CdImage)
        {
            await ErrorAsync(context, 409, "Base.1.8.ResourceInUse", "The change to the requested resource failed because the resource is in use or in transition.");
            return;
        }

        await ChangeAsync(context, () =>
        {
            if (hasImage)
            {
                CdImage = image ?? string.Empty;
                CdInserted = inserted ?? !string.IsNullOrEmpty(image);
            }
            else if (inserted is { } flag)
            {
                CdInserted = flag;
            }

            CdWriteProtected = writeProtected ?? CdWriteProtected;
            Interlocked.Increment(ref mediaVersion);
        });
    }

    /// <summary>Once, when the variant says so: someone else changed the resource just now (its version moves on).</summary>
    private bool StaleOnce(ref int resourceVersion)
    {
        lock (gate)
        {
            if (!Variant.StaleETagOnce || staleETagGiven)
            {
                return false;
            }

            staleETagGiven = true;
        }

        Interlocked.Increment(ref resourceVersion);
        return true;
    }

    /// <summary>A change: done at once (204), or, when the variant runs tasks, accepted (202) and done when its task monitor says so.</summary>
    private async Task ChangeAsync(HttpContext context, Action apply)
    {
        if (Variant.TaskPolls == 0)
        {
            apply();
            context.Response.StatusCode = 204;
            return;
        }

        string id;
        lock (gate)
        {
            id = (nextTaskId++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var path = context.Request.Path.Value ?? "";
            tasks[id] = (Variant.TaskPolls - 1, apply, () => path.StartsWith(CdPath, StringComparison.Ordinal)
                ? VirtualMedia(CdPath, "CD1", ["CD", "DVD"], CdImage, CdInserted, CdWriteProtected)
                : ComputerSystem());
        }

        context.Response.Headers.Location = $"{TaskMonitorsPath}/{id}";
        context.Response.Headers.RetryAfter = Variant.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await JsonAsync(context, TaskResource(id, "Running"), status: 202);
    }

    /// <summary>
    /// 202 (Running) while the task has polls left, then its end as <see cref="FakeBmcVariant.TaskEnding"/> says (the
    /// change done if Completed), then 404.
    /// </summary>
    private async Task TaskMonitorAsync(HttpContext context, string id)
    {
        Action? apply = null;
        Func<JsonObject>? changed = null;
        bool known, running;
        lock (gate)
        {
            known = tasks.TryGetValue(id, out var task);
            running = known && (task.Remaining > 0 || Variant.TaskEnd is null);
            if (running)
            {
                tasks[id] = (task.Remaining - 1, task.Apply, task.Changed);
            }
            else if (known)
            {
                tasks.Remove(id);
                apply = task.Apply;
                changed = task.Changed;
            }
        }

        if (!known)
        {
            await ErrorAsync(context, 404, "Base.1.8.ResourceMissingAtURI", $"The task monitor {id} was not found.");
        }
        else if (running)
        {
            context.Response.Headers.RetryAfter = Variant.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await JsonAsync(context, TaskResource(id, "Running"), status: 202);
        }
        else
        {
            if (Variant.TaskEnd == "Completed")
            {
                apply!();
                if (Variant.TaskEnding != FakeTaskEnding.TaskResource)
                {
                    Interlocked.Increment(ref operationResponsesServed);
                }

                switch (Variant.TaskEnding)
                {
                    case FakeTaskEnding.NoContent:
                        context.Response.StatusCode = 204;
                        return;
                    case FakeTaskEnding.OperationResource:
                        await JsonAsync(context, changed!());
                        return;
                }
            }

            await JsonAsync(context, TaskResource(id, Variant.TaskEnd!));
        }
    }

    private static JsonObject TaskResource(string id, string state) => new()
    {
        ["@odata.id"] = $"/redfish/v1/TaskService/Tasks/{id}",
        ["@odata.type"] = "#Task.v1_7_0.Task",
        ["Id"] = id,
        ["Name"] = "Task " + id,
        ["TaskState"] = state,
        ["TaskStatus"] = state switch { "Exception" or "Killed" => "Critical", _ => "OK" },
        ["TaskMonitor"] = $"{TaskMonitorsPath}/{id}",
        ["Messages"] = state == "Exception"
            ? new JsonArray(new JsonObject
            {
                ["MessageId"] = "Base.1.8.InternalError",
                ["Message"] = "The request failed due to an internal service error.  The service is still operational.",
                ["Severity"] = "Critical",
            })
            : new JsonArray(),
    };

    private static JsonObject ActionInfo(string path, params (string Name, bool Required, string[]? Allowed)[] parameters) => new()
    {
        ["@odata.id"] = path,
        ["@odata.type"] = "#ActionInfo.v1_3_0.ActionInfo",
        ["Id"] = path.Split('/')[^1],
        ["Name"] = "Action parameters",
        ["Parameters"] = new JsonArray([.. parameters.Select(p =>
        {
            var parameter = new JsonObject { ["Name"] = p.Name, ["Required"] = p.Required, ["DataType"] = p.Name == "Inserted" ? "Boolean" : "String" };
            if (p.Allowed is not null)
            {
                parameter["AllowableValues"] = Strings(p.Allowed);
            }

            return (JsonNode)parameter;
        })]),
    };

    private static JsonObject ServiceRoot() => new()
    {
        ["@odata.id"] = "/redfish/v1/",
        ["@odata.type"] = "#ServiceRoot.v1_15_0.ServiceRoot",
        ["Id"] = "RootService",
        ["Name"] = "Root Service",
        ["RedfishVersion"] = "1.17.0",
        ["Systems"] = Link("/redfish/v1/Systems"),
        ["Managers"] = Link("/redfish/v1/Managers"),
        ["SessionService"] = Link("/redfish/v1/SessionService"),
        ["Links"] = new JsonObject { ["Sessions"] = Link(SessionsPath) },
    };

    private JsonObject ComputerSystem()
    {
        var reset = new JsonObject { ["target"] = ResetTarget };
        if (Variant.ResetActionInfo)
        {
            reset["@Redfish.ActionInfo"] = SystemPath + "/ResetActionInfo";
        }
        else
        {
            reset["ResetType@Redfish.AllowableValues"] = Strings(AllowedResetTypes);
        }

        var system = new JsonObject
        {
            ["@odata.id"] = SystemPath,
            ["@odata.type"] = "#ComputerSystem.v1_20_0.ComputerSystem",
            ["@odata.etag"] = SystemETag,
            ["Id"] = SystemId,
            ["Name"] = "WebFrontEnd483",
            ["SystemType"] = "Physical",
            ["PowerState"] = PowerState,
            ["Boot"] = new JsonObject
            {
                ["BootSourceOverrideEnabled"] = BootSourceOverrideEnabled,
                ["BootSourceOverrideTarget"] = BootSourceOverrideTarget,
                ["BootSourceOverrideTarget@Redfish.AllowableValues"] = Strings(AllowedBootTargets),
                ["BootSourceOverrideMode"] = "UEFI",
            },
            ["Actions"] = new JsonObject { ["#ComputerSystem.Reset"] = reset },
        };
        if (!Variant.NoManagedByLink)
        {
            system["Links"] = new JsonObject { ["ManagedBy"] = new JsonArray(Link("/redfish/v1/Managers/1")) };
        }

        return system;
    }

    /// <summary>Another blade of the chassis: readable, on, and nothing the client should touch.</summary>
    private static JsonObject OtherSystem(string path) => new()
    {
        ["@odata.id"] = path,
        ["@odata.type"] = "#ComputerSystem.v1_20_0.ComputerSystem",
        ["Id"] = path.Split('/')[^1],
        ["Name"] = "Another blade",
        ["PowerState"] = "On",
        ["Actions"] = new JsonObject
        {
            ["#ComputerSystem.Reset"] = new JsonObject { ["target"] = path + "/Actions/ComputerSystem.Reset" },
        },
    };

    private JsonObject Manager() => new()
    {
        ["@odata.id"] = "/redfish/v1/Managers/1",
        ["@odata.type"] = "#Manager.v1_15_0.Manager",
        ["Id"] = "1",
        ["Name"] = "Manager",
        ["ManagerType"] = "BMC",
        ["VirtualMedia"] = Link("/redfish/v1/Managers/1/VirtualMedia"),
        ["Links"] = new JsonObject { ["ManagerForServers"] = new JsonArray(Link(SystemPath)) },
    };

    /// <summary>
    /// The actions form as before; the PATCH forms shaped like the example in DMTF's VirtualMedia schema (Id, Name,
    /// MediaTypes, Image, ImageName, ConnectedVia, Inserted, WriteProtected; no Actions), without Inserted and
    /// WriteProtected in the image-only form.
    /// </summary>
    private JsonObject VirtualMedia(string path, string id, string[] mediaTypes, string image, bool inserted, bool writeProtected)
    {
        if (Variant.Media == FakeVirtualMediaForm.Actions)
        {
            var insert = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.InsertMedia" };
            if (Variant.InsertMediaActionInfo)
            {
                insert["@Redfish.ActionInfo"] = path + "/InsertMediaActionInfo";
            }

            return new JsonObject
            {
                ["@odata.id"] = path,
                ["@odata.type"] = "#VirtualMedia.v1_6_0.VirtualMedia",
                ["Id"] = id,
                ["Name"] = "Virtual Removable Media",
                ["MediaTypes"] = Strings(mediaTypes),
                ["Image"] = image,
                ["Inserted"] = inserted,
                ["WriteProtected"] = writeProtected,
                ["ConnectedVia"] = inserted ? "URI" : "NotConnected",
                ["Actions"] = new JsonObject
                {
                    ["#VirtualMedia.InsertMedia"] = insert,
                    ["#VirtualMedia.EjectMedia"] = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.EjectMedia" },
                },
            };
        }

        var media = new JsonObject
        {
            ["@odata.type"] = "#VirtualMedia.v1_6_0.VirtualMedia",
            ["Id"] = id,
            ["Name"] = "Virtual CD",
            ["MediaTypes"] = Strings(mediaTypes),
            ["Image"] = string.IsNullOrEmpty(image) ? null : image,
            ["ImageName"] = string.IsNullOrEmpty(image) ? null : image.Split('/')[^1],
            ["ConnectedVia"] = string.IsNullOrEmpty(image) ? "NotConnected" : "URI",
        };
        if (Variant.Media == FakeVirtualMediaForm.PatchDmtfExample)
        {
            media["Inserted"] = inserted;
            media["WriteProtected"] = writeProtected;
        }

        media["@odata.id"] = path;
        return media;
    }

    /// <summary>A collection; with paging, the page from <paramref name="skip"/> and a nextLink when more follow.</summary>
    private JsonObject Collection(string path, string type, int skip, params string[] members)
    {
        var size = Variant.PageSize > 0 ? Variant.PageSize : members.Length;
        var page = members.Skip(skip).Take(size).ToArray();
        var collection = new JsonObject
        {
            ["@odata.id"] = path,
            ["@odata.type"] = type,
            ["Name"] = "Collection",
            ["Members@odata.count"] = members.Length,
            ["Members"] = new JsonArray([.. page.Select(m => (JsonNode)Link(m))]),
        };
        if (skip + size < members.Length)
        {
            collection["Members@odata.nextLink"] = $"{path}?$skip={skip + size}";
        }

        return collection;
    }

    private static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static Task ErrorAsync(HttpContext context, int status, string messageId, string message) =>
        JsonAsync(context, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "Base.1.8.GeneralError",
                ["message"] = "A general error has occurred. See ExtendedInfo for more information.",
                ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject
                {
                    ["@odata.type"] = "#Message.v1_1_1.Message",
                    ["MessageId"] = messageId,
                    ["Message"] = message,
                    ["Severity"] = "Critical",
                    ["Resolution"] = "None.",
                }),
            },
        }, status);

    private static async Task JsonAsync(HttpContext context, JsonObject body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
