using System.Text.Json;
using GemScheduling.HarvestSandbox;

namespace GemScheduling.Bench;

/// <summary>
/// One GemScheduling org set up through the HTTP API only, the way an operator does it: create the org (admin token),
/// issue an org token, connect Greenhouse (a sandbox org with its own key), and wait for the full sync it starts.
/// </summary>
public sealed class ServiceOrg
{
    private int _target;
    private int _slot;

    private ServiceOrg(string orgId, HttpClient client, SandboxOrganization sandbox, SandboxApiKey key, IReadOnlyList<SchedulingTarget> targets, double syncSeconds)
    {
        OrgId = orgId;
        Client = client;
        Sandbox = sandbox;
        Key = key;
        Targets = targets;
        SyncSeconds = syncSeconds;
        var day = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(3);
        SlotBase = new DateTimeOffset(day, TimeSpan.Zero);
    }

    public string OrgId { get; }

    /// <summary>Authenticated with the org's own API token.</summary>
    public HttpClient Client { get; }

    public SandboxOrganization Sandbox { get; }

    public SandboxApiKey Key { get; }

    public IReadOnlyList<SchedulingTarget> Targets { get; }

    /// <summary>Seconds from connect to the end of the first full sync.</summary>
    public double SyncSeconds { get; }

    /// <summary>Every schedule gets its own two hours from here on, so interviewers are never double-booked (a 409 would be a clash).</summary>
    public DateTimeOffset SlotBase { get; }

    public string Path(string relative) => $"api/v1/orgs/{OrgId}/{relative}";

    public SchedulingTarget NextTarget() => Targets[(Interlocked.Increment(ref _target) - 1) % Targets.Count];

    /// <summary>The start of a two-hour slot no other schedule of this org uses.</summary>
    public DateTimeOffset NextSlot() => SlotBase.AddHours(2 * (Interlocked.Increment(ref _slot) - 1));

    public static async Task<ServiceOrg> ConnectAsync(ServiceProcess service, HarvestSandboxServer sandbox, OrganizationOptions sandboxOptions, string name)
    {
        var sandboxOrg = sandbox.State.CreateOrganization(sandboxOptions);
        var key = sandboxOrg.CreateApiKey(description: "bench");
        using var admin = service.Client();
        var org = (await ApiResult.SendAsync(admin, HttpMethod.Post, "api/v1/orgs", new { name })).EnsureOk("create org");
        var orgId = org.Body.GetProperty("id").GetString()!;
        var token = (await ApiResult.SendAsync(admin, HttpMethod.Post, $"api/v1/orgs/{orgId}/tokens", new { name = "bench" })).EnsureOk("issue token")
            .Body.GetProperty("token").GetString()!;
        var client = service.Client(token);

        var first = sandboxOrg.FindSchedulingTarget() ?? throw new InvalidOperationException("the sandbox org has no schedulable application");
        var organizer = sandboxOrg.GetUser(first.OrganizerUserId).PrimaryEmailAddress;
        var started = DateTime.UtcNow;
        (await ApiResult.SendAsync(client, HttpMethod.Put, $"api/v1/orgs/{orgId}/greenhouse",
            new { apiVersion = "v1", baseUrl = sandbox.BaseAddress.ToString(), apiKey = key.Key, organizerEmail = organizer })).EnsureOk("connect Greenhouse");

        // The connect started a full sync; wait for it.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            var status = (await ApiResult.SendAsync(client, HttpMethod.Get, $"api/v1/orgs/{orgId}/sync")).EnsureOk("sync status").Body.GetProperty("sync");
            var state = status.GetProperty("state").GetString();
            if (status.GetProperty("passId").ValueKind == JsonValueKind.String && state != "running")
            {
                if (state != "succeeded")
                    throw new InvalidOperationException($"the first sync of {orgId} ended {state}: {status}");
                break;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the first sync of {orgId} did not finish: {status}");
            await Task.Delay(100);
        }

        var syncSeconds = (DateTime.UtcNow - started).TotalSeconds;
        var targets = new List<SchedulingTarget>();
        for (var skip = 0; skip < 500 && sandboxOrg.FindSchedulingTarget(skip) is { } target; skip++)
            targets.Add(target);
        return new ServiceOrg(orgId, client, sandboxOrg, key, targets, syncSeconds);
    }

    /// <summary>The org's rate budget as the service sees it (GET .../sync).</summary>
    public async Task<JsonElement> BudgetAsync() =>
        (await ApiResult.SendAsync(Client, HttpMethod.Get, Path("sync"))).EnsureOk("sync status").Body.GetProperty("budget");
}
