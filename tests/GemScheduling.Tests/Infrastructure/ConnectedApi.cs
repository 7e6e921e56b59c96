using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// The API (embedded, in memory) with one org connected to a sandbox Greenhouse org and fully synced: the starting
/// point of every scheduling flow. Interview times are handed out so tests sharing interviewers never collide.
/// </summary>
public class ConnectedApi : IAsyncLifetime
{
    private int _slot;
    private int _targets;

    /// <summary>1, 2, 3, …: tests sharing this fixture each take their own scheduling target.</summary>
    public int NextTargetNumber() => Interlocked.Increment(ref _targets);

    public HarvestSandboxServer Sandbox { get; private set; } = null!;
    public SandboxOrganization Greenhouse { get; private set; } = null!;
    public ApiFactory Api { get; private set; } = null!;
    public string OrgId { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";

    protected virtual IEnumerable<string>? Permissions => null;

    /// <summary>The scopes of the v3 credential (all by default).</summary>
    protected virtual IEnumerable<string>? V3Scopes => null;

    /// <summary>The Harvest version the org connects through: "v1" (an API key) or "v3" (OAuth client credentials).</summary>
    public virtual string ApiVersion => "v1";

    /// <summary>The sandbox endpoint id of a v1 permission in this fixture's Harvest version (for faults and the call log).</summary>
    public string Endpoint(string v1PermissionId) => ApiVersion == "v3" ? V3Endpoints.For(v1PermissionId) : v1PermissionId;

    /// <summary>Serve over a real Kestrel socket instead of the in-memory test server.</summary>
    protected virtual bool OverKestrel => false;

    /// <summary>Store everything in a fresh PostgreSQL database (production mode) instead of memory.</summary>
    protected virtual bool OnPostgres => false;

    private TestDatabase? _database;

    /// <summary>The fixture's own database when <see cref="OnPostgres"/>, for a second replica of the service.</summary>
    public string? DatabaseConnectionString => _database?.ConnectionString;

    /// <summary>Configuration the fixture's service starts with (on top of <see cref="ApiFactory"/>'s).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>Service overrides (registered after the service's own, so they win).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>"memory" or "postgres": which store refuses what this fixture's tests send.</summary>
    public string Store => OnPostgres ? "postgres" : "memory";

    public virtual async Task InitializeAsync()
    {
        Sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        Greenhouse = Sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 11, Scale = DataScale.Demo, RateLimit = 1000 });
        ApiKey = Greenhouse.CreateApiKey(Permissions).Key;
        Greenhouse.SetV3RateLimit(1000);
        if (OnPostgres)
            _database = await PostgresServer.CreateDatabaseAsync("api");
        Api = new ApiFactory(_database?.ConnectionString, Settings, ConfigureServices);
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
        object request = ApiVersion == "v3"
            ? V3Connect(Greenhouse.CreateV3Credentials(V3Scopes), organizer)
            : new { apiVersion = "v1", baseUrl = Sandbox.BaseAddress.ToString(), apiKey = ApiKey, organizerEmail = organizer };
        var connect = await Client.PutAsJsonAsync($"/api/v1/orgs/{OrgId}/greenhouse", request);
        connect.EnsureSuccessStatusCode();
        await SyncAsync("full");
    }

    public object V3Connect(SandboxV3Credentials credentials, string organizerEmail) => new
    {
        apiVersion = "v3", baseUrl = Sandbox.BaseAddress.ToString(), clientId = credentials.ClientId, clientSecret = credentials.ClientSecret, organizerEmail,
    };

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Sandbox.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    public string Path(string relative) => $"/api/v1/orgs/{OrgId}/{relative}";

    /// <summary>The calendar grain of a Greenhouse user of this org, to see what time it holds.</summary>
    public Interviewers.IInterviewerCalendarGrain Calendar(long userId) =>
        Api.Services.GetRequiredService<IGrainFactory>().GetGrain<Interviewers.IInterviewerCalendarGrain>(Interviewers.IInterviewerCalendarGrain.Key(OrgId, $"u{userId}"));

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

    /// <summary>The POST …/schedules body for one hour-long interview of the target's step with its first interviewer.</summary>
    public object OneInterview(HarvestSandbox.SchedulingTarget target, DateTimeOffset start) => new
    {
        applicationId = target.ApplicationId,
        interviews = new[] { new { interviewStepId = target.InterviewStepId, interviewers = new[] { new { userId = target.InterviewerUserIds[0] } }, start, end = start.AddHours(1), timeZone = "UTC" } },
    };

    /// <summary>Schedules <see cref="OneInterview"/> at the next free slot and returns the new schedule's id.</summary>
    public async Task<string> ScheduleOneAsync(HarvestSandbox.SchedulingTarget target)
    {
        var created = await Client.PostAsJsonAsync(Path("schedules"), OneInterview(target, NextSlot()));
        if (created.StatusCode != System.Net.HttpStatusCode.Created)
            throw new InvalidOperationException($"POST schedules answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
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

/// <summary>The same, stored in PostgreSQL (production mode): what jsonb refuses, memory does not always.</summary>
public class ConnectedApiOnPostgres : ConnectedApi
{
    protected override bool OnPostgres => true;
}

/// <summary>The same org connected through Harvest v3.</summary>
public class ConnectedApiV3 : ConnectedApi
{
    public override string ApiVersion => "v3";
}

/// <summary>The v3 scope (the sandbox's endpoint id) that replaces each v1/v2 permission (docs/HARVEST-CONTRACT.md §11).</summary>
public static class V3Endpoints
{
    public static string For(string v1PermissionId) => v1PermissionId switch
    {
        "applications.list" => "harvest:applications:list",
        "candidates.list" => "harvest:candidates:list",
        "candidates.add_note" or "candidates.add_email" => "harvest:notes:create",
        "users.list" => "harvest:users:list",
        "scheduled_interviews.list_for_application" or "scheduled_interviews.list" or "scheduled_interviews.retrieve" => "harvest:interviews:list",
        "scheduled_interviews.delete" => "harvest:interviews:destroy",
        "scheduled_interviews.create" => "harvest:interviews:create",
        "scheduled_interviews.update" => "harvest:interviews:update",
        "activity_feed.retrieve" => "harvest:notes:list",
        "jobs.list" or "jobs.retrieve" => "harvest:jobs:list",
        "job_posts.list" or "job_posts.retrieve_for_job" => "harvest:job_posts:list",
        "job_stages.list" or "job_stages.list_for_job" => "harvest:job_interview_stages:list",
        "offices.list" => "harvest:offices:list",
        _ => throw new ArgumentOutOfRangeException(nameof(v1PermissionId), v1PermissionId, "no v3 equivalent"),
    };
}
