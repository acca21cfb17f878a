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
/// a VirtualMedia collection holding a floppy and a CD (InsertMedia, EjectMedia). It keeps state (power, boot
/// override, media) and records every request, and serves HTTPS on 127.0.0.1 with the certificate it is given.
/// </summary>
internal sealed class FakeBmc : IAsyncDisposable
{
    public const string UserName = "root";
    public const string Password = "calvin-Pa55w0rd";
    public const string SystemId = "437XR1138R2";
    public const string SystemPath = "/redfish/v1/Systems/" + SystemId;
    public const string SessionsPath = "/redfish/v1/SessionService/Sessions";
    public const string CdPath = "/redfish/v1/Managers/1/VirtualMedia/CD1";
    public const string FloppyPath = "/redfish/v1/Managers/1/VirtualMedia/Floppy1";

    private readonly Lock gate = new();
    private readonly WebApplication app;
    private readonly Dictionary<string, string> sessionIdsByToken = [];
    private readonly List<RecordedRequest> requests = [];
    private readonly List<string> deletedSessions = [];
    private int version = 1;
    private int nextSessionId = 1;

    private FakeBmc(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>https://127.0.0.1:{port}, known once Kestrel has bound its port.</summary>
    public Uri BaseUri { get; private set; } = null!;

    public string PowerState { get; set; } = "Off";

    public string BootSourceOverrideTarget { get; private set; } = "None";

    public string BootSourceOverrideEnabled { get; private set; } = "Disabled";

    public string CdImage { get; private set; } = string.Empty;

    public bool CdInserted { get; private set; }

    public string[] AllowedResetTypes { get; set; } = ["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart"];

    public string[] AllowedBootTargets { get; set; } = ["None", "Pxe", "Cd", "Hdd", "BiosSetup"];

    /// <summary>The reset action's target as advertised; a test may point it elsewhere.</summary>
    public string ResetTarget { get; set; } = SystemPath + "/Actions/ComputerSystem.Reset";

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

    public static async Task<FakeBmc> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var bmc = new FakeBmc(app);
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
            requests.Add(new RecordedRequest(request.Method, path, token, request.Headers.Authorization.FirstOrDefault(), request.Headers.IfMatch.FirstOrDefault(), body));
        }

        var open = (request.Method == "GET" && path == "/redfish/v1") || (request.Method == "POST" && path == SessionsPath);
        if (!open && !IsAuthorized(request, token))
        {
            var echo = EchoCredentialsInErrors ? $" Credentials received: {DecodeBasic(request.Headers.Authorization.FirstOrDefault())}." : string.Empty;
            await ErrorAsync(context, 401, "Base.1.8.NoValidSession", "There is no valid session established with the implementation." + echo);
            return;
        }

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
                await JsonAsync(context, Collection("/redfish/v1/Systems", "#ComputerSystemCollection.ComputerSystemCollection", SystemPath));
                break;
            case ("GET", SystemPath):
                context.Response.Headers.ETag = SystemETag;
                await JsonAsync(context, ComputerSystem());
                break;
            case ("PATCH", SystemPath):
                await PatchSystemAsync(context, body);
                break;
            case ("POST", _) when path == ResetTarget:
                await ResetAsync(context, body);
                break;
            case ("GET", "/redfish/v1/Managers"):
                await JsonAsync(context, Collection("/redfish/v1/Managers", "#ManagerCollection.ManagerCollection", "/redfish/v1/Managers/1"));
                break;
            case ("GET", "/redfish/v1/Managers/1"):
                await JsonAsync(context, Manager());
                break;
            case ("GET", "/redfish/v1/Managers/1/VirtualMedia"):
                await JsonAsync(context, Collection("/redfish/v1/Managers/1/VirtualMedia", "#VirtualMediaCollection.VirtualMediaCollection", FloppyPath, CdPath));
                break;
            case ("GET", FloppyPath):
                await JsonAsync(context, VirtualMedia(FloppyPath, "Floppy1", ["Floppy", "USBStick"], string.Empty, inserted: false));
                break;
            case ("GET", CdPath):
                await JsonAsync(context, VirtualMedia(CdPath, "CD1", ["CD", "DVD"], CdImage, CdInserted));
                break;
            case ("POST", CdPath + "/Actions/VirtualMedia.InsertMedia"):
                await InsertMediaAsync(context, body);
                break;
            case ("POST", CdPath + "/Actions/VirtualMedia.EjectMedia"):
                await EjectMediaAsync(context);
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

        if (ifMatch != SystemETag)
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

        BootSourceOverrideTarget = target ?? BootSourceOverrideTarget;
        BootSourceOverrideEnabled = enabled ?? BootSourceOverrideEnabled;
        Interlocked.Increment(ref version);
        context.Response.StatusCode = 204;
    }

    private async Task ResetAsync(HttpContext context, string body)
    {
        var resetType = (string?)JsonNode.Parse(body)?["ResetType"];
        if (resetType is null || !AllowedResetTypes.Contains(resetType))
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionParameterNotSupported", "The parameter ResetType for the action ComputerSystem.Reset is not supported on the target resource.");
            return;
        }

        PowerState = resetType is "ForceOff" or "GracefulShutdown" ? "Off" : "On";
        Interlocked.Increment(ref version);
        context.Response.StatusCode = 204;
    }

    private async Task InsertMediaAsync(HttpContext context, string body)
    {
        var image = (string?)JsonNode.Parse(body)?["Image"];
        if (string.IsNullOrEmpty(image))
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionParameterMissing", "The action VirtualMedia.InsertMedia requires the parameter Image to be present in the request body.");
            return;
        }

        if (CdInserted)
        {
            await ErrorAsync(context, 409, "Base.1.8.ResourceInUse", "The change to the requested resource failed because the resource is in use or in transition.");
            return;
        }

        CdImage = image;
        CdInserted = true;
        context.Response.StatusCode = 204;
    }

    private async Task EjectMediaAsync(HttpContext context)
    {
        if (!CdInserted)
        {
            await ErrorAsync(context, 400, "Base.1.8.ActionNotSupported", "No media is inserted.");
            return;
        }

        CdImage = string.Empty;
        CdInserted = false;
        context.Response.StatusCode = 204;
    }

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

    private JsonObject ComputerSystem() => new()
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
        ["Links"] = new JsonObject { ["ManagedBy"] = new JsonArray(Link("/redfish/v1/Managers/1")) },
        ["Actions"] = new JsonObject
        {
            ["#ComputerSystem.Reset"] = new JsonObject
            {
                ["target"] = ResetTarget,
                ["ResetType@Redfish.AllowableValues"] = Strings(AllowedResetTypes),
            },
        },
    };

    private static JsonObject Manager() => new()
    {
        ["@odata.id"] = "/redfish/v1/Managers/1",
        ["@odata.type"] = "#Manager.v1_15_0.Manager",
        ["Id"] = "1",
        ["Name"] = "Manager",
        ["ManagerType"] = "BMC",
        ["VirtualMedia"] = Link("/redfish/v1/Managers/1/VirtualMedia"),
        ["Links"] = new JsonObject { ["ManagerForServers"] = new JsonArray(Link(SystemPath)) },
    };

    private static JsonObject VirtualMedia(string path, string id, string[] mediaTypes, string image, bool inserted) => new()
    {
        ["@odata.id"] = path,
        ["@odata.type"] = "#VirtualMedia.v1_6_0.VirtualMedia",
        ["Id"] = id,
        ["Name"] = "Virtual Removable Media",
        ["MediaTypes"] = Strings(mediaTypes),
        ["Image"] = image,
        ["Inserted"] = inserted,
        ["WriteProtected"] = true,
        ["ConnectedVia"] = inserted ? "URI" : "NotConnected",
        ["Actions"] = new JsonObject
        {
            ["#VirtualMedia.InsertMedia"] = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.InsertMedia" },
            ["#VirtualMedia.EjectMedia"] = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.EjectMedia" },
        },
    };

    private static JsonObject Collection(string path, string type, params string[] members) => new()
    {
        ["@odata.id"] = path,
        ["@odata.type"] = type,
        ["Name"] = "Collection",
        ["Members@odata.count"] = members.Length,
        ["Members"] = new JsonArray([.. members.Select(m => (JsonNode)Link(m))]),
    };

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
