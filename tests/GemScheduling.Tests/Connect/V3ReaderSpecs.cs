using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;

namespace GemScheduling.Tests.Connect;

/// <summary>
/// Harvest v3 reads as a configurable reader (by default the Integration Service User), writes as the organizer, finds
/// users by any of their addresses, and says what the reader cannot see: confidential jobs off its hiring team, or
/// everything when it is not a Site Admin (answered with empty lists or with 403s, the two readings of the docs).
/// </summary>
public sealed class V3ReaderSpecs : IAsyncLifetime
{
    private HarvestSandboxServer _sandbox = null!;
    private ApiFactory _api = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });
        _api = new ApiFactory();
        _admin = _api.ClientWith();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private (SandboxOrganization Org, SandboxV3Credentials Credentials, string Organizer) GreenhouseOrg(Func<HarvestV3Options, HarvestV3Options>? options = null)
    {
        var org = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 41, Scale = DataScale.Demo with { Candidates = 30, Applications = 40 }, RateLimit = 1000 });
        org.V3Options = (options ?? (o => o))(org.V3Options with { RateLimit = 1000 });
        var organizer = org.GetUser(org.FindSchedulingTarget()!.OrganizerUserId).PrimaryEmailAddress;
        return (org, org.CreateV3Credentials(), organizer);
    }

    private Task<HttpResponseMessage> Connect(string orgId, SandboxV3Credentials credentials, string organizer, string? readerEmail = null, string apiVersion = "v3") =>
        _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new
        {
            apiVersion, baseUrl = _sandbox.BaseAddress.ToString(), clientId = credentials.ClientId, clientSecret = credentials.ClientSecret,
            organizerEmail = organizer, readerEmail,
        });

    private static JsonElement Line(JsonElement connection, string id) =>
        connection.GetProperty("lastVerification").GetProperty("permissions").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);

    /// <summary>A confidential job with applications, and a Site Admin (not the Integration Service User) on its hiring team only.</summary>
    private static (long JobId, long AdminId) ConfidentialJobWithAnAdmin(SandboxOrganization org)
    {
        var job = org.ListApplications().Where(a => a.Jobs.Count > 0).GroupBy(a => a.Jobs[0].Id).OrderByDescending(g => g.Count()).First().Key;
        org.SetJobConfidential(job, true);
        var admin = org.ListUsers().First(u => !u.Disabled && !u.SiteAdmin && u.Id != org.IntegrationServiceUserId).Id;
        org.SetUserSiteAdmin(admin, true);
        org.AddJobOwner(job, admin, JobOwnerType.Recruiter);
        // Every other confidential job gets the admin too, so only this one is out of the Integration Service User's reach.
        foreach (var other in org.ConfidentialJobs().Where(t => t.JobId != job && !t.UserIds.Contains(admin)))
            org.AddJobOwner(other.JobId, admin, JobOwnerType.Coordinator);
        return (job, admin);
    }

    [Fact]
    public async Task Given_a_confidential_job_off_the_readers_team_when_connecting_then_the_verification_names_it_and_who_sees_it()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var (job, admin) = ConfidentialJobWithAnAdmin(org);
        var orgId = await _admin.CreateOrgAsync("Acme");

        var response = await Connect(orgId, credentials, organizer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Line(await response.Content.ReadFromJsonAsync<JsonElement>(), "confidential_jobs.reach");
        Assert.Equal("missing", line.GetProperty("status").GetString());
        var detail = line.GetProperty("detail").GetString()!;
        Assert.Contains($"job {job} (visible to user", detail);
        Assert.Contains(admin.ToString(), detail);
        Assert.Contains("readerEmail", line.GetProperty("howToGrant").GetString());
    }

    [Fact]
    public async Task Given_a_Site_Admin_reader_on_the_confidential_jobs_when_connected_then_every_read_acts_as_it_and_the_jobs_sync_with_their_applications()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var (job, admin) = ConfidentialJobWithAnAdmin(org);
        var reader = org.GetUser(admin).PrimaryEmailAddress;
        var orgId = await _admin.CreateOrgAsync("Acme");
        var (_, token) = await _admin.IssueTokenAsync(orgId);
        var client = _api.ClientWith(token);
        var callsBefore = org.CallLog().Count;

        var response = await client.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new
        {
            apiVersion = "v3", baseUrl = _sandbox.BaseAddress.ToString(), clientId = credentials.ClientId, clientSecret = credentials.ClientSecret,
            organizerEmail = organizer, readerEmail = reader,
        });
        var sync = await GreenhouseConnect.FinishedSyncAsync(client, orgId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(admin, connection.GetProperty("reader").GetProperty("userId").GetInt64());
        Assert.Equal("granted", Line(connection, "confidential_jobs.reach").GetProperty("status").GetString());
        Assert.Equal("succeeded", sync.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{orgId}/jobs/{job}")).StatusCode);
        foreach (var application in org.ListApplications().Where(a => a.Jobs.Count > 0 && a.Jobs[0].Id == job))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{orgId}/applications/{application.Id}")).StatusCode);
        // Reads act as the reader, once the Integration Service User has found it; a token for anyone else (the organizer,
        // the Site Admins asked at verification) only writes or surveys.
        var reads = org.CallLog().Skip(callsBefore)
            .Where(c => c.Method == "GET" && !c.PathAndQuery.Contains("confidential=true") && !c.PathAndQuery.Contains(Uri.EscapeDataString(reader))).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, c => Assert.Equal(admin, c.Sub));
    }

    [Fact]
    public async Task Given_a_reader_who_is_not_a_Site_Admin_or_a_v1_key_with_a_reader_then_the_connect_is_refused_naming_readerEmail()
    {
        var (org, credentials, organizer) = GreenhouseOrg();
        var plain = org.ListUsers().First(u => !u.Disabled && !u.SiteAdmin && u.Id != org.IntegrationServiceUserId).PrimaryEmailAddress;
        var orgId = await _admin.CreateOrgAsync("Acme");

        var notAdmin = await Connect(orgId, credentials, organizer, readerEmail: plain);
        var v1 = await _admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/greenhouse", new
        {
            apiVersion = "v1", baseUrl = _sandbox.BaseAddress.ToString(), apiKey = org.CreateApiKey().Key, organizerEmail = organizer, readerEmail = plain,
        });

        foreach (var response in new[] { notAdmin, v1 })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("readerEmail", out _), problem.ToString());
        }
    }

    [Fact]
    public async Task Given_an_organizer_known_by_a_secondary_address_when_connecting_through_v3_then_they_are_found()
    {
        var (org, credentials, _) = GreenhouseOrg();
        var user = org.ListUsers().First(u => !u.Disabled && u.Id != org.IntegrationServiceUserId &&
                                              u.Emails.Any(e => !e.Equals(u.PrimaryEmailAddress, StringComparison.OrdinalIgnoreCase)));
        var secondary = user.Emails.First(e => !e.Equals(user.PrimaryEmailAddress, StringComparison.OrdinalIgnoreCase));
        var orgId = await _admin.CreateOrgAsync("Acme");

        var response = await Connect(orgId, credentials, secondary.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(user.Id, connection.GetProperty("organizer").GetProperty("userId").GetInt64());
        Assert.Contains(org.CallLog(), c => c.Permission == "harvest:user_emails:list" && c.Status == 200);
    }

    [Theory]
    [InlineData(V3NonSiteAdminLists.Empty)]
    [InlineData(V3NonSiteAdminLists.Forbidden)]
    public async Task Given_a_reader_that_is_not_a_Site_Admin_either_way_Greenhouse_answers_when_verifying_then_the_Site_Admin_line_is_missing_and_no_scope_is(
        V3NonSiteAdminLists answer)
    {
        var (org, credentials, organizer) = GreenhouseOrg(o => o with { NonSiteAdminLists = answer });
        var orgId = await _admin.CreateOrgAsync("Acme");
        Assert.Equal(HttpStatusCode.OK, (await Connect(orgId, credentials, organizer)).StatusCode);
        org.SetUserSiteAdmin(org.IntegrationServiceUserId!.Value, false);

        var response = await _admin.PostAsync($"/api/v1/orgs/{orgId}/greenhouse/verify", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var permissions = report.GetProperty("permissions").EnumerateArray().ToList();
        var missing = permissions.Where(p => p.GetProperty("status").GetString() == "missing").Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["site_admin.list_reads"], missing);
    }
}
