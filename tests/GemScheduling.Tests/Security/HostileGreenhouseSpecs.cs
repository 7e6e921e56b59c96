using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;

namespace GemScheduling.Tests.Security;

/// <summary>
/// A Greenhouse that lies (a huge last page, endless next links, a 50 MB body, invalid JSON, a page far over per_page)
/// cannot hurt the silo: the kind it lies about fails quickly with a reason, the rest of the pass succeeds, and the
/// next pass waits longer instead of hammering it every minute.
/// </summary>
public sealed class HostileGreenhouseSpecs : IAsyncLifetime
{
    private HarvestSandboxServer _sandbox = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        _api = new ApiFactory();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    public static TheoryData<string, FaultKind, string> Lies() => new()
    {
        { "v1", FaultKind.HugeLastPage, "2147483647 pages" },
        { "v3", FaultKind.EndlessNext, "empty pages" }, // v1 fans out to rel="last" and never follows next links
        { "v1", FaultKind.HugeBody, "larger than 32 MB" },
        { "v3", FaultKind.HugeBody, "larger than 32 MB" },
        { "v1", FaultKind.InvalidJson, "could not read" },
        { "v3", FaultKind.InvalidJson, "could not read" },
        { "v1", FaultKind.OversizedPage, "5000 records on one page" },
        { "v3", FaultKind.OversizedPage, "5000 records on one page" },
    };

    [Theory]
    [MemberData(nameof(Lies))]
    public async Task Given_Greenhouse_lies_about_one_listing_when_syncing_then_that_kind_fails_with_the_reason_and_the_rest_of_the_pass_succeeds(
        string apiVersion, FaultKind lie, string reason)
    {
        var (admin, orgId, greenhouse) = await ConnectedAsync(apiVersion, seed: 60 + (int)lie);
        var first = await GreenhouseConnect.FinishedSyncAsync(admin, orgId);
        Assert.Equal("succeeded", first.GetProperty("state").GetString());
        greenhouse.AddFault(new FaultRule { Kind = lie, Endpoint = apiVersion == "v3" ? "harvest:candidates:list" : "candidates.list" });
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        await admin.PostAsJsonAsync($"/api/v1/orgs/{orgId}/sync", new { mode = "full" });
        var status = await GreenhouseConnect.FinishedSyncAsync(admin, orgId);

        clock.Stop();
        var kinds = status.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal("failed", kinds["Candidates"].GetProperty("state").GetString());
        Assert.Contains(reason, kinds["Candidates"].GetProperty("lastError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(kinds.Where(k => k.Key != "Candidates"), k => Assert.Equal("succeeded", k.Value.GetProperty("state").GetString()));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the pass took {clock.Elapsed}");
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - memoryBefore < 200L * 1024 * 1024, "the lie was held in memory");

        // A failed pass is not restarted on the next minute's tick: the pause doubles with each failure.
        Assert.Equal(1, status.GetProperty("failedPassesInARow").GetInt32());
        var finished = status.GetProperty("finishedAt").GetDateTimeOffset();
        Assert.True(status.GetProperty("nextPassAt").GetDateTimeOffset() >= finished + TimeSpan.FromMinutes(5));
    }

    private async Task<(HttpClient Admin, string OrgId, SandboxOrganization Greenhouse)> ConnectedAsync(string apiVersion, int seed)
    {
        var greenhouse = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = seed, Scale = DataScale.Demo with { Candidates = 30, Applications = 40 }, RateLimit = 100_000 });
        greenhouse.SetV3RateLimit(100_000);
        var admin = _api.ClientWith();
        var orgId = await admin.CreateOrgAsync("Acme");
        (await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", GreenhouseConnect.Body(_sandbox, greenhouse, apiVersion))).EnsureSuccessStatusCode();
        return (admin, orgId, greenhouse);
    }
}
