using System.Diagnostics;
using System.Net;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(500, "application/json")]
    [InlineData(502, "text/html")]
    [InlineData(503, "text/html")]
    public async Task Given_a_status_fault_for_the_next_2_calls_When_listing_jobs_Then_two_failures_then_success_and_each_is_recorded(int status, string mediaType)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(FaultRule.Fail(status, "jobs.list", times: 2));

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await org.GetAsync("v1/jobs");
            statuses.Add((int)response.StatusCode);
            if (i == 0)
            {
                Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            }
        }

        using var otherEndpoint = await org.GetAsync("v1/offices");

        Assert.Equal([status, status, 200], statuses);
        Assert.Equal(HttpStatusCode.OK, otherEndpoint.StatusCode);
        Assert.Equal(2, org.Org.FaultLog().Count);
        Assert.Equal(2, org.Org.Counters().FaultsServed);
        Assert.Equal(0, org.Org.FaultRules().Single().Remaining);
        Assert.Equal(2, org.Org.CallLog().Count(c => c.Fault is not null && c.Status == status));
    }

    [Fact]
    public async Task Given_an_injected_429_When_calling_Then_429_with_retry_after_and_counted_as_rate_limited()
    {
        var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { RateLimit = 50 });
        org.Org.AddFault(FaultRule.Fail(429, times: 1));

        using var response = await org.GetAsync("v1/users");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(0, response.IntValue("X-RateLimit-Remaining"));
        Assert.Equal(1, org.Org.Counters().RateLimited);
    }

    [Fact]
    public async Task Given_latency_When_calling_Then_the_response_is_delayed_and_still_succeeds()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Latency, Endpoint = "offices.list", Latency = TimeSpan.FromMilliseconds(300), LatencyMax = TimeSpan.FromMilliseconds(400) });

        var watch = Stopwatch.StartNew();
        using var response = await org.GetAsync("v1/offices");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Given_a_timeout_fault_When_the_client_waits_Then_the_request_is_held_and_answered_504()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Timeout, Hold = TimeSpan.FromMilliseconds(400), MaxOccurrences = 1 });

        var watch = Stopwatch.StartNew();
        using var response = await org.GetAsync("v1/offices");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 390);
    }

    [Fact]
    public async Task Given_a_long_timeout_fault_When_the_client_gives_up_Then_the_server_notices_the_abort()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Timeout, Hold = TimeSpan.FromSeconds(60) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => org.SendAsync(org.Request(HttpMethod.Get, "v1/offices"), cts.Token));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (org.Org.CallLog().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var call = Assert.Single(org.Org.CallLog());
        Assert.Equal(0, call.Status);
        Assert.Equal("timeout", call.Fault);
        Assert.True(call.DurationMilliseconds < 10_000);
    }

    [Fact]
    public async Task Given_a_drop_fault_When_calling_Then_the_connection_closes_without_a_response()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Drop, Endpoint = "users.list", MaxOccurrences = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => org.SendOnNewConnectionAsync(org.Request(HttpMethod.Get, "v1/users")));
        using var next = await org.GetAsync("v1/users");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(0, org.Org.CallLog()[0].Status);
    }

    [Fact]
    public async Task Given_commit_then_fail_When_creating_an_interview_Then_500_but_the_interview_is_stored()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = "scheduled_interviews.create", MaxOccurrences = 1 });

        using var response = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids, "evt-ctf"), ids.OrganizerId);
        var found = (await org.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?external_event_id=evt-ctf")).AsArray();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(found);
        Assert.Single(org.Org.ScheduledInterviews(ids.ApplicationId), i => i.ExternalEventId == "evt-ctf");
        Assert.Equal("commit_then_fail", org.Org.CallLog().First(c => c.Method == "POST").Fault);
    }

    [Fact]
    public async Task Given_commit_then_drop_When_adding_a_note_Then_the_connection_drops_but_the_note_is_stored()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.AddFault(new FaultRule { Kind = FaultKind.CommitThenDrop, Endpoint = "candidates.add_note", MaxOccurrences = 1 });
        var before = org.Org.Notes(ids.CandidateId).Count;

        await Assert.ThrowsAsync<HttpRequestException>(() => org.SendOnNewConnectionAsync(org.Request(HttpMethod.Post,
            $"v1/candidates/{ids.CandidateId}/activity_feed/notes",
            $$"""{"user_id":{{ids.OrganizerId}},"body":"dropped but stored","visibility":"public"}""", ids.OrganizerId)));

        Assert.Equal(before + 1, org.Org.Notes(ids.CandidateId).Count);
    }

    [Fact]
    public async Task Given_commit_then_fail_When_the_write_is_rejected_Then_the_fault_does_not_fire_and_stays_armed()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = "scheduled_interviews.create", MaxOccurrences = 1 });

        using var invalid = await org.PostAsync("v2/scheduled_interviews", "{}", ids.OrganizerId);
        using var valid = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, valid.StatusCode);
    }

    [Fact]
    public async Task Given_a_method_filter_When_gets_and_posts_arrive_Then_only_posts_fail()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.AddFault(new FaultRule { Kind = FaultKind.Error503, Method = "POST" });

        using var get = await org.GetAsync($"v1/candidates/{ids.CandidateId}/activity_feed");
        using var post = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.DoesNotContain(org.Org.ScheduledInterviews(ids.ApplicationId), i => i.ExternalEventId == "evt-test");
    }

    [Fact]
    public async Task Given_a_50_percent_rate_and_the_same_seed_When_replaying_the_same_requests_Then_the_same_faults_occur()
    {
        async Task<List<int>> Run()
        {
            var org = await SharedSandbox.CreateOrgAsync(new OrganizationOptions { Seed = 99, RateLimit = null, Scale = DataScale.Empty });
            org.Org.AddFault(new FaultRule { Kind = FaultKind.Error500, Endpoint = "jobs.list", Rate = 0.5 });
            var statuses = new List<int>();
            for (var i = 0; i < 24; i++)
            {
                using var response = await org.GetAsync("v1/jobs");
                statuses.Add((int)response.StatusCode);
            }

            return statuses;
        }

        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(s => s == 500), 4, 20);
    }

    [Fact]
    public async Task Given_faults_When_cleared_Then_calls_succeed()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var rule = org.Org.AddFault(FaultRule.Fail(500));
        org.Org.AddFault(FaultRule.Fail(502));

        Assert.True(org.Org.RemoveFault(rule.Id!));
        Assert.Single(org.Org.FaultRules());
        org.Org.ClearFaults();
        using var response = await org.GetAsync("v1/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
