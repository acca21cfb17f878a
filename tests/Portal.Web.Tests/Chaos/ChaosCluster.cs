using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Web.Tests.Provisioning;

namespace Portal.Web.Tests.Chaos;

/// <summary>
/// Real portal processes on one PostgreSQL database, and what the world says about them: deployments' states, the
/// simulated datacenter's operation log (who acted, and whether anything acted twice) and the reservations. Counts
/// come from the database the drivers write, never from the workflow journal.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>The side effects a deployment causes once each: a second act on one machine is a step that ran twice.</summary>
    private static readonly string[] OnceSteps = ["CreateVirtualMachine", "WriteImage", "ImageWriter", "ConfigureSoftware", "Power"];

    /// <summary>What a completed deployment did to its machine, once each: a VM is defined, then written; bare metal boots the image writer, which writes.</summary>
    private static readonly Dictionary<string, string[]> ExpectedActs = new()
    {
        ["Virtual"] = ["CreateVirtualMachine", "WriteImage", "ConfigureSoftware", "Power"],
        ["Physical"] = ["WriteImage", "ImageWriter", "ConfigureSoftware", "Power"],
    };

    private static readonly string[] Terminal = ["Completed", "Failed", "Cancelled"];

    private readonly string connectionString;
    private readonly Dictionary<string, string> settings;
    private readonly List<HttpClient> admins = [];
    private readonly Portal.Testing.TempDirectory keyRing = new();

    private ChaosCluster(string connectionString, Dictionary<string, string> settings)
    {
        this.connectionString = connectionString;
        this.settings = settings;

        // Nodes on one database share the key-ring certificate, as the README's "Keys at rest" tells operators:
        // a node with a certificate of its own refuses to start on keys it cannot decrypt.
        var certificate = Path.Combine(keyRing.Path, "key-ring.pfx");
        Portal.Web.Hosting.KeysAtRest.KeyRingCertificates.CreateFile(certificate, null);
        this.settings.TryAdd("Portal:DataProtection:CertificatePath", certificate);
    }

    public List<PortalNode> Nodes { get; } = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// How many steps a node runs at once (Portal:Workflows:Concurrency), so at most this many per node are in flight
    /// when the database goes away: the bound on what an outage may leave to be re-delivered.
    /// </summary>
    public const int Concurrency = 8;

    /// <summary>
    /// Settings every node gets: PostgreSQL, a quick worker, short steps; the engine's lease settings are short so a
    /// dead node's work moves within seconds (Portal:Workflows:ClaimSeconds, LeaseSeconds, HeartbeatSeconds).
    /// </summary>
    public static Dictionary<string, string> Defaults(string connectionString) => new()
    {
        ["Portal:Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Portal"] = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40, Timeout = 5 }.ConnectionString,
        ["Portal:Workflows:PollIntervalMilliseconds"] = "100",
        ["Portal:Workflows:ClaimSeconds"] = "5",
        ["Portal:Workflows:LeaseSeconds"] = "5",
        ["Portal:Workflows:HeartbeatSeconds"] = "1",
        ["Portal:Workflows:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Provisioning:Simulation:StepMilliseconds"] = "200",
        ["Portal:Provisioning:Simulation:WriterRetryMaxMilliseconds"] = "1000",
    };

    /// <summary>Starts <paramref name="nodes"/> nodes one after the other (the first migrates and seeds), each signed in as the admin.</summary>
    public static async Task<ChaosCluster> StartAsync(string connectionString, int nodes, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = Defaults(connectionString);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var cluster = new ChaosCluster(connectionString, settings);
        for (var i = 0; i < nodes; i++)
        {
            await cluster.AddNodeAsync();
        }

        return cluster;
    }

    /// <summary>Starts one more node, with the cluster's settings and <paramref name="more"/> of its own.</summary>
    public async Task<PortalNode> AddNodeAsync(IReadOnlyDictionary<string, string>? more = null)
    {
        var own = new Dictionary<string, string>(settings);
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            own[key] = value;
        }

        var node = await PortalNode.StartAsync($"node{Nodes.Count + 1}", own, Token);
        Nodes.Add(node);
        admins.Add(await node.SignedInAsync("admin@portal.local"));
        return node;
    }

    public HttpClient Admin(int node) => admins[node];

    /// <summary>Registers simulated bare-metal servers and hypervisor hosts, so a batch fits without waiting for hardware.</summary>
    public async Task AddCapacityAsync(int servers, int hosts)
    {
        for (var i = 1; i <= servers; i++)
        {
            await ExpectAsync(HttpStatusCode.Created, await admins[0].PostAsJsonAsync("/api/inventory/servers", new
            {
                name = $"chaos-bm-{i:00}",
                platformId = ProvisioningPortal.SimulatedBareMetal,
                cpuCores = 32,
                memoryGiB = 256,
                disksGiB = new[] { 1920, 1920 },
                nics = new[] { new { name = "eno1", macAddress = $"b8:ca:3a:77:00:{i:x2}", speedMbps = 25000 } },
                rack = "Chaos",
                bmcAddress = $"https://chaos-bm-{i:00}-idrac.lab",
                bmcUserName = "portal",
                bmcPassword = "chaos-bmc-password",
            }, Token));
        }

        for (var i = 1; i <= hosts; i++)
        {
            await ExpectAsync(HttpStatusCode.Created, await admins[0].PostAsJsonAsync("/api/inventory/hosts", new
            {
                name = $"chaos-host-{i:00}", platformId = ProvisioningPortal.SimulatedVirtual, connection = $"simulated://chaos-host-{i:00}",
                physicalCpus = 64, overcommitRatio = 4, memoryGiB = 2048, storageGiB = 50000, acceptedFormats = new[] { "Qcow2", "Raw" },
            }, Token));
        }
    }

    /// <summary>Orders a Linux server through node <paramref name="node"/>; returns the deployment's id.</summary>
    public async Task<Guid> DeployAsync(int node, bool physical, string hostname)
    {
        var order = physical
            ? ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedBareMetal, "Physical", hostname)
            : ProvisioningPortal.LinuxOrder(ProvisioningPortal.SimulatedVirtual, "Virtual", hostname);
        var response = await admins[node].PostAsJsonAsync("/api/deployments", order, Token);
        var body = await ExpectAsync(HttpStatusCode.Accepted, response);
        return Guid.Parse((string)JsonNode.Parse(body)!["id"]!);
    }

    /// <summary>
    /// Submits <paramref name="count"/> deployments alternately through every node, half physical and half virtual, so
    /// that each node takes in both kinds: with two nodes the kinds go P V V P, so node 1 gets P and V, node 2 V and P
    /// (a kind alternating with the node would send every physical order through one node and every virtual one
    /// through the other).
    /// </summary>
    public async Task<List<Guid>> DeployBatchAsync(string prefix, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await DeployAsync(i % Nodes.Count, physical: i % 4 is 0 or 3, $"{prefix}-{i:00}"));
        }

        return ids;
    }

    /// <summary>
    /// Waits until every deployment has ended (completed, failed or cancelled), reading the database and riding out
    /// an outage; returns when the last one ended, or fails naming those still open after <paramref name="timeout"/>.
    /// </summary>
    public async Task<DateTimeOffset> WaitAllEndedAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<Guid, string> states = [];
        while (clock.Elapsed < timeout)
        {
            try
            {
                states = await StatesAsync(ids);
                if (states.Count == ids.Count && states.Values.All(Terminal.Contains))
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (NpgsqlException)
            {
                // The database is down (on purpose): ask again.
            }

            await Task.Delay(200, Token);
        }

        var open = states.Where(s => !Terminal.Contains(s.Value)).Select(s => $"{s.Key} {s.Value}");
        throw new Xunit.Sdk.XunitException(
            $"{ids.Count - states.Values.Count(Terminal.Contains)} of {ids.Count} deployments had not ended {timeout.TotalSeconds} s on: {string.Join(", ", open.Take(10))}\n" +
            string.Join('\n', Nodes.Select(n => $"--- {n.Name} ({n.LogPath}):\n{n.Tail(15)}")));
    }

    public async Task<Dictionary<Guid, string>> StatesAsync(IReadOnlyCollection<Guid> ids)
    {
        var states = new Dictionary<Guid, string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id", "Status" FROM "Deployments" WHERE "Id" = ANY(@ids)""", connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            states[reader.GetGuid(0)] = reader.GetString(1);
        }

        return states;
    }

    /// <summary>The side effects that acted more than once on one machine (a re-delivery that returned the first result is not an act).</summary>
    public async Task<List<string>> RanTwiceAsync()
    {
        var twice = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT "Step", "Machine", count(*), string_agg("Node", ', ')
            FROM "SimulatedOperations"
            WHERE "Succeeded" AND NOT "Redelivered" AND "Step" = ANY(@steps)
            GROUP BY "Step", "Machine" HAVING count(*) > 1
            """, connection);
        command.Parameters.AddWithValue("steps", OnceSteps);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            for (var extra = 1; extra < reader.GetInt64(2); extra++)
            {
                twice.Add($"{reader.GetString(0)} on {reader.GetString(1)} ({reader.GetString(3)})");
            }
        }

        return twice;
    }

    /// <summary>
    /// Every step the datacenter was asked again under a key it had acted on, oldest first, each with its key's first
    /// act. A re-delivery does nothing, so it never counts as "ran twice"; but each one is a step whose act was done and
    /// whose commit in the engine was lost, so they are counted on their own and bounded by what was in flight.
    /// </summary>
    public async Task<List<Redelivery>> RedeliveriesAsync()
    {
        var redeliveries = new List<Redelivery>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r."Step", r."Machine", r."Key", r."Node", r."At", f."Node", f."At"
            FROM "SimulatedOperations" r
            LEFT JOIN LATERAL (
                SELECT o."Node", o."At" FROM "SimulatedOperations" o
                WHERE o."Step" = r."Step" AND o."Key" = r."Key" AND o."Succeeded" AND NOT o."Redelivered"
                ORDER BY o."Id" LIMIT 1) f ON true
            WHERE r."Redelivered"
            ORDER BY r."Id"
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            redeliveries.Add(new Redelivery(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return redeliveries;
    }

    /// <summary>
    /// Each deployment's machine against what its kind must have done to it: every expected side effect acted exactly
    /// once (re-deliveries aside), and no other deployment side effect acted at all. Empty when all is as it should be;
    /// otherwise one line per deviation, naming the deployment's server and machine.
    /// </summary>
    public async Task<List<string>> UnexpectedActsAsync(IReadOnlyCollection<Guid> ids)
    {
        var machines = new Dictionary<Guid, (string Server, string Machine, string Kind)>();
        await using var connection = await OpenAsync();
        await using (var command = new NpgsqlCommand("""
            SELECT s."DeploymentId", s."Name", s."Document"::jsonb ->> 'machineName', s."Document"::jsonb ->> 'kind'
            FROM "Servers" s WHERE s."DeploymentId" = ANY(@ids)
            """, connection))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                machines[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }
        }

        var acts = new Dictionary<(string Machine, string Step), long>();
        await using (var command = new NpgsqlCommand("""
            SELECT "Machine", "Step", count(*) FROM "SimulatedOperations"
            WHERE "Succeeded" AND NOT "Redelivered" AND "Step" = ANY(@steps)
            GROUP BY "Machine", "Step"
            """, connection))
        {
            command.Parameters.AddWithValue("steps", OnceSteps);
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                acts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        var deviations = new List<string>();
        foreach (var id in ids)
        {
            if (!machines.TryGetValue(id, out var server))
            {
                deviations.Add($"deployment {id} has no server record");
                continue;
            }

            var expected = ExpectedActs.GetValueOrDefault(server.Kind) ?? [];
            foreach (var step in OnceSteps)
            {
                var count = acts.GetValueOrDefault((server.Machine, step));
                var wanted = expected.Contains(step) ? 1 : 0;
                if (count != wanted)
                {
                    deviations.Add($"{server.Server} ({server.Kind}, machine {server.Machine}): {step} acted {count} times, expected {wanted}");
                }
            }
        }

        return deviations;
    }

    /// <summary>
    /// The steps in flight now: instances under a live lease (a node takes one for a step and the step's commit clears
    /// it), each with its deployment's machine. Read right after a kill, those of the dead node are the steps it was in
    /// the middle of: started, and never to be committed by it.
    /// </summary>
    public async Task<List<InFlightStep>> InFlightAsync()
    {
        var steps = new List<InFlightStep>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT i."Id", i."LeaseOwner", s."Document"::jsonb ->> 'machineName'
            FROM "WorkflowInstances" i
            LEFT JOIN "Deployments" d ON d."WorkflowInstanceId" = i."Id"
            LEFT JOIN "Servers" s ON s."DeploymentId" = d."Id"
            WHERE i."LeaseOwner" IS NOT NULL AND i."LeaseExpiresAt" > now()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            steps.Add(new InFlightStep(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return steps;
    }

    /// <summary>
    /// Hardware held by nothing once every deployment has ended: reservations never committed nor released, a second
    /// reservation for one deployment, a failed deployment's reservation, a server still marked Reserved.
    /// </summary>
    public async Task<List<string>> LeaksAsync()
    {
        var leaks = new List<string>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT 'uncommitted reservation of deployment ' || r."DeploymentId" FROM "Reservations" r WHERE r."ExpiresAt" IS NOT NULL
            UNION ALL
            SELECT 'more than one reservation of deployment ' || r."DeploymentId" FROM "Reservations" r GROUP BY r."DeploymentId" HAVING count(*) > 1
            UNION ALL
            SELECT 'reservation of ' || d."Status" || ' deployment ' || d."Id" FROM "Reservations" r JOIN "Deployments" d ON d."Id" = r."DeploymentId"
                WHERE d."Status" <> 'Completed'
            UNION ALL
            SELECT 'server ' || s."Name" || ' left Reserved' FROM "PhysicalServers" s WHERE s."State" = 'Reserved'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            leaks.Add(reader.GetString(0));
        }

        return leaks;
    }

    /// <summary>The operation log: step, machine, acting node, whether it was a re-delivery, whether it succeeded, when, oldest first.</summary>
    public async Task<List<(string Step, string Machine, string Node, bool Redelivered, bool Succeeded, DateTimeOffset At)>> OperationsAsync()
    {
        var operations = new List<(string, string, string, bool, bool, DateTimeOffset)>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Step", "Machine", "Node", "Redelivered", "Succeeded", "At" FROM "SimulatedOperations" ORDER BY "Id" """, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            operations.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return operations;
    }

    /// <summary>Waits until the operation log has an act matching <paramref name="match"/>.</summary>
    public async Task WaitForActAsync(
        Func<(string Step, string Machine, string Node, bool Redelivered, bool Succeeded, DateTimeOffset At), bool> match, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await OperationsAsync()).Any(match))
            {
                return;
            }

            await Task.Delay(100, Token);
        }

        throw new Xunit.Sdk.XunitException($"Not seen within {timeout.TotalSeconds} s: {what}");
    }

    /// <summary>The scenario's row; <paramref name="inFlight"/> is how many steps the kill or the outage interrupted (the bound on re-deliveries), null when none.</summary>
    public async Task<ScenarioResult> ResultAsync(string scenario, IReadOnlyCollection<Guid> ids, TimeSpan drain, string drainFrom, int? inFlight = null)
    {
        var states = await StatesAsync(ids);
        return new ScenarioResult(scenario, ids.Count, states.Values.Count(s => s == "Completed"), states.Values.Count(s => s != "Completed"),
            (await RanTwiceAsync()).Count, (await RedeliveriesAsync()).Count, inFlight, (await LeaksAsync()).Count, drain, drainFrom);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var admin in admins)
        {
            admin.Dispose();
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        keyRing.Dispose();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        return connection;
    }

    private static async Task<string> ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        response.Dispose();
        return body;
    }
}
