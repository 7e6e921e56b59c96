using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class GeneratorTests(ITestOutputHelper output)
{
    private static readonly DateOnly Reference = new(2026, 12, 1);

    [Fact]
    public async Task Given_the_same_seed_and_reference_date_When_generating_twice_Then_the_data_is_byte_identical()
    {
        var server = await SharedSandbox.GetAsync();

        var a = server.State.CreateOrganization(new OrganizationOptions { Seed = 1234, ReferenceDate = Reference });
        var b = server.State.CreateOrganization(new OrganizationOptions { Seed = 1234, ReferenceDate = Reference });
        var c = server.State.CreateOrganization(new OrganizationOptions { Seed = 1235, ReferenceDate = Reference });
        var d = server.State.CreateOrganization(new OrganizationOptions { Seed = 1234, ReferenceDate = Reference.AddDays(1) });

        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), c.Fingerprint());
        Assert.NotEqual(a.Fingerprint(), d.Fingerprint());
        Assert.Matches("^[0-9a-f]{64}$", a.Fingerprint());
    }

    [Fact]
    public async Task Given_two_sandboxes_with_the_same_seed_When_started_Then_demo_keys_and_data_match()
    {
        await using var first = await HarvestSandboxServer.StartAsync(new SandboxOptions { Seed = 5, ReferenceDate = Reference, LogToConsole = false });
        await using var second = await HarvestSandboxServer.StartAsync(new SandboxOptions { Seed = 5, ReferenceDate = Reference, LogToConsole = false });

        Assert.Equal(first.State.DemoApiKey, second.State.DemoApiKey);
        Assert.Equal(first.State.DemoOrganization!.Fingerprint(), second.State.DemoOrganization!.Fingerprint());
        Assert.Equal(HarvestPermissions.All.Count, first.State.DemoOrganization.ApiKeys().Single().Permissions.Count);
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
    }

    [Fact]
    public async Task Given_the_demo_scale_When_generated_Then_it_has_the_promised_variety()
    {
        var org = (await SharedSandbox.CreateOrgAsync()).Org;
        var summary = org.Summary();
        var users = org.ListUsers();
        var jobs = org.ListJobs();
        var applications = org.ListApplications();

        Assert.Equal(25, summary.Users);
        Assert.Equal(12, summary.Jobs);
        Assert.Equal(200, summary.Candidates);
        Assert.Equal(300, summary.Applications);
        Assert.Contains(users, u => u.Disabled);
        var userEmails = users.SelectMany(u => u.Emails).ToList();
        Assert.Equal(userEmails.Count, userEmails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(jobs, j => j.Status == "closed");
        Assert.All(jobs, j =>
        {
            var stages = org.GetJobStages(j.Id);
            Assert.InRange(stages.Count(s => s.Active), 3, 6);
            Assert.All(stages, s => Assert.InRange(s.Interviews.Count, 1, 3));
        });
        Assert.Contains(jobs.SelectMany(j => org.GetJobStages(j.Id)), s => !s.Active);
        foreach (var status in new[] { "active", "rejected", "hired", "converted" })
        {
            Assert.Contains(applications, a => a.Status == status);
        }

        Assert.Contains(applications, a => a.Prospect);
        Assert.All(applications, a => Assert.True(a.Id > int.MaxValue));
        Assert.All(org.ScheduledInterviews(), i => Assert.True(i.Id > int.MaxValue));
        Assert.Contains(org.ScheduledInterviews(), i => i.CreatedViaHarvest && i.Status == InterviewStatus.Scheduled);
        Assert.Contains(org.ScheduledInterviews(), i => !i.CreatedViaHarvest);
        Assert.Contains(org.ScheduledInterviews(), i => i.Status == InterviewStatus.Complete);
    }

    [Fact]
    public async Task Given_demo_candidates_When_listed_Then_names_and_emails_are_plausible_and_unique()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var candidates = (await org.GetJsonAsync("v1/candidates?per_page=500")).AsArray();
        var emails = candidates.SelectMany(c => c!["email_addresses"]!.AsArray().Select(e => e!["value"]!.GetValue<string>())).ToList();

        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emails, e => Assert.Matches(@"^[a-z0-9.\-]+@[a-z0-9.\-]+\.example$", e));
        Assert.All(candidates, c => Assert.False(string.IsNullOrWhiteSpace(c!["first_name"]!.GetValue<string>())));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Given_the_large_scale_When_generated_Then_counts_meet_the_minimums_and_a_500_row_page_is_fast()
    {
        var server = await SharedSandbox.GetAsync();
        var watch = Stopwatch.StartNew();
        var org = TestOrg.Create(server, new OrganizationOptions { Scale = DataScale.Large, RateLimit = null, Seed = 3, ReferenceDate = Reference });
        var generation = watch.Elapsed;

        var summary = org.Org.Summary();
        Assert.True(generation < TimeSpan.FromSeconds(15), $"generation took {generation}");
        Assert.True(summary.Candidates >= 100_000);
        Assert.True(summary.Applications >= 150_000);
        Assert.True(summary.Jobs >= 2_000);
        Assert.True(summary.Users >= 5_000);
        Assert.True(summary.Offices >= 50);
        Assert.True(summary.JobPosts >= 2_000);

        using (await org.GetAsync("v1/applications?per_page=500&page=2")) { }
        watch.Restart();
        using var page = await org.GetAsync("v1/applications?per_page=500&page=150");
        var pageTime = watch.Elapsed;
        var rows = await Json.ReadArrayAsync(page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(500, rows.Count);
        Assert.Contains("page=300", Links.Parse(Links.Header(page))["last"].Query);
        Assert.True(pageTime < TimeSpan.FromMilliseconds(750), $"page took {pageTime.TotalMilliseconds} ms");

        watch.Restart();
        using var filtered = await org.GetAsync("v1/applications?per_page=500&status=active&skip_count=true");
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(750), $"filtered page took {watch.Elapsed.TotalMilliseconds} ms");

        watch.Restart();
        var fingerprint = org.Org.Fingerprint();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"fingerprint took {watch.Elapsed}");
        output.WriteLine($"Large: generated in {generation.TotalMilliseconds:F0} ms, page 150 x 500 in {pageTime.TotalMilliseconds:F1} ms, fingerprint in {watch.Elapsed.TotalMilliseconds:F0} ms; {summary}");
        Assert.Equal(64, fingerprint.Length);
    }
}
