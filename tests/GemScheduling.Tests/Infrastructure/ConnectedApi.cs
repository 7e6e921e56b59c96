using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Tenancy;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// The API (embedded, in memory) with one org connected to a sandbox Greenhouse org and fully synced: the starting
/// point of every scheduling flow. Interview times are handed out so tests sharing interviewers never collide.
/// </summary>
public class ConnectedApi : IAsyncLifetime
{
    private int _slot;

    public HarvestSandboxServer Sandbox { get; private set; } = null!;
    public SandboxOrganization Greenhouse { get; private set; } = null!;
    public ApiFactory Api { get; private set; } = null!;
    public string OrgId { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";

    protected virtual IEnumerable<string>? Permissions => null;

    /// <summary>Serve over a real Kestrel socket instead of the in-memory test server.</summary>
    protected virtual bool OverKestrel => false;

    public async Task InitializeAsync()
    {
        Sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        Greenhouse = Sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 11, Scale = DataScale.Demo, RateLimit = 1000 });
        ApiKey = Greenhouse.CreateApiKey(Permissions).Key;
        Api = new ApiFactory();
        if (OverKestrel)
        {
            Api.UseKestrel(0);
            Api.StartServer();
        }
        var admin = Api.ClientWith();
        OrgId = await admin.CreateOrgAsync("Acme Recruiting");
        var (_, token) = await admin.IssueTokenAsync(OrgId);
        Client = Api.ClientWith(token);

        var organizer = Greenhouse.GetUser(Greenhouse.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress;
        var connect = await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/greenhouse",
            new { apiVersion = "v1", baseUrl = Sandbox.BaseAddress.ToString(), apiKey = ApiKey, organizerEmail = organizer });
        connect.EnsureSuccessStatusCode();
        await SyncAsync("full");
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    public string Path(string relative) => $"/api/v1/orgs/{OrgId}/{relative}";

    public async Task SyncAsync(string mode)
    {
        var started = await Client.PostAsJsonAsync(Path("sync"), new { mode });
        started.EnsureSuccessStatusCode();
        var passId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passId").GetString();
        for (var i = 0; i < 600; i++)
        {
            var status = (await Client.GetFromJsonAsync<JsonElement>(Path("sync"))).GetProperty("sync");
            if (status.GetProperty("passId").GetString() == passId && status.GetProperty("state").GetString() != "running")
            {
                Assert.Equal("succeeded", status.GetProperty("state").GetString());
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("sync did not finish");
    }

    /// <summary>A start time no other test uses: three free hours from it, two days ahead or later.</summary>
    public DateTimeOffset NextSlot()
    {
        var n = Interlocked.Increment(ref _slot);
        var day = DateTimeOffset.UtcNow.Date.AddDays(2 + n / 4);
        return new DateTimeOffset(day, TimeSpan.Zero).AddHours(8 + n % 4 * 3);
    }

    public async Task<long> OrganizerIdAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>(Path("greenhouse"))).GetProperty("organizer").GetProperty("userId").GetInt64();

    /// <summary>Polls the schedule until no write is pending.</summary>
    public async Task<JsonElement> SettledAsync(string scheduleId, int timeoutSeconds = 60)
    {
        JsonElement schedule = default;
        for (var i = 0; i < timeoutSeconds * 10; i++)
        {
            schedule = await Client.GetFromJsonAsync<JsonElement>(Path($"schedules/{scheduleId}"));
            if (schedule.GetProperty("writeBack").GetString() != "pending")
                return schedule;
            await Task.Delay(100);
        }

        throw new TimeoutException($"schedule {scheduleId} still pending: {schedule}");
    }
}
