using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.Persistence.Database;
using GemScheduling.Tests.Infrastructure;
using GemScheduling.Tests.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace GemScheduling.Tests.Reliability;

/// <summary>PostgreSQL goes away under a running replica: fast 503s, readiness red, then everything resumes with nothing acknowledged lost.</summary>
public sealed class DatabaseLossSpecs
{
    [SkippableFact]
    public async Task Given_the_database_is_lost_then_requests_fail_fast_with_503_and_resume_when_it_returns()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("dbloss");
        await using (var dataSource = database.CreateDataSource())
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var api = new ApiFactory(viaProxy);
        var admin = api.ClientWith();
        var orgId = await admin.CreateOrgAsync("Acme");
        var template = new { subject = "Interviews for {{job_name}}", body = "Hello {{candidate_first_name}}, see you soon." };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/email-templates/scheduled", template)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready")).StatusCode);

        proxy.Cut();

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/email-templates/rescheduled", template),
            () => admin.PostAsJsonAsync("/api/v1/orgs", new { name = "During the outage" }),
            () => admin.GetAsync($"/api/v1/orgs/{orgId}/schedules"),
            () => admin.GetAsync($"/api/v1/orgs/{orgId}/jobs"),
            () => admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/email-templates/cancelled", template),
        })
        {
            var clock = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var response = await request().WaitAsync(timeout.Token);
            Console.WriteLine($"outage request answered {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(7), $"a request took {clock.Elapsed.TotalSeconds:0.0} s during the outage");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var ready = Stopwatch.StartNew();
        var readiness = await api.ClientWith(null).GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.True(ready.Elapsed < TimeSpan.FromSeconds(7));
        // Anonymous: it says the database is unreachable, never what the database driver said.
        Assert.Contains("database unreachable", await readiness.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Npgsql", await readiness.Content.ReadAsStringAsync());
        Assert.DoesNotContain("127.0.0.1", await readiness.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/live")).StatusCode);

        proxy.Restore();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await admin.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        HttpResponseMessage resumed;
        do
        {
            await Task.Delay(500);
            resumed = await admin.PutAsJsonAsync($"/api/v1/orgs/{orgId}/email-templates/rescheduled", template);
        }
        while (resumed.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var templates = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{orgId}/email-templates");
        var scheduled = templates.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "scheduled");
        Assert.Equal("Interviews for {{job_name}}", scheduled.GetProperty("subject").GetString()); // acknowledged before the outage, still there
        Assert.False(scheduled.GetProperty("isDefault").GetBoolean());
    }
}
