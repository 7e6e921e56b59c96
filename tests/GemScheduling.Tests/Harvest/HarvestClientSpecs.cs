using System.Net;
using GemScheduling.Harvest;
using GemScheduling.Harvest.V1;
using GemScheduling.Harvest.V1.Models;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Harvest;

/// <summary>The Harvest client against the sandbox over real HTTP: every endpoint, paging, errors, retries.</summary>
public sealed class HarvestClientSpecs(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly DataScale Small = DataScale.Demo with { Users = 30, Jobs = 12, Candidates = 60, Applications = 80 };

    [Fact]
    public async Task Given_every_list_endpoint_when_paged_over_at_least_10_pages_then_the_items_equal_the_sandbox_data()
    {
        var tenant = sandbox.NewOrg(Small);
        // Dozens of pages: more than one rate window, which an interactive read would not wait out.
        var client = tenant.Client(options: new HarvestClientOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5), MaxInteractiveBudgetWait = TimeSpan.FromMinutes(5),
        });
        var summary = tenant.Org.Summary();

        async Task<(int Pages, List<long> Ids, int? PageCount)> All<T>(Func<IHarvestV1Api, Task<Refit.IApiResponse<List<T>>>> first, Func<T, long?> id)
        {
            var pages = 0;
            var ids = new List<long>();
            int? count = null;
            await foreach (var page in client.PagesAsync(first))
            {
                pages++;
                count ??= page.PageCount;
                ids.AddRange(page.Items.Select(i => id(i)!.Value));
            }

            return (pages, ids, count);
        }

        var users = await All(api => api.ListUsers(new UserFilter { PerPage = 3 }), (HarvestUser u) => u.Id);
        var candidates = await All(api => api.ListCandidates(new CandidateFilter { PerPage = 5 }), (HarvestCandidate c) => c.Id);
        var applications = await All(api => api.ListApplications(new ApplicationFilter { PerPage = 8 }), (HarvestApplication a) => a.Id);
        var jobs = await All(api => api.ListJobs(new JobFilter { PerPage = 1 }), (HarvestJob j) => j.Id);
        var posts = await All(api => api.ListJobPosts(new JobPostFilter { PerPage = 1 }), (HarvestJobPost p) => p.Id);
        var stages = await All(api => api.ListJobStages(new PageFilter { PerPage = 4 }), (HarvestJobStage s) => s.Id);
        var offices = await All(api => api.ListOffices(new PageFilter { PerPage = 1 }), (HarvestOffice o) => o.Id);

        Assert.Equal(tenant.Org.ListUsers().Select(u => u.Id).Order(), users.Ids.Order());
        Assert.Equal(summary.Candidates, candidates.Ids.Distinct().Count());
        Assert.Equal(tenant.Org.ListApplications().Select(a => a.Id).Order(), applications.Ids.Order());
        Assert.Equal(summary.Jobs, jobs.Ids.Distinct().Count());
        Assert.Equal(summary.JobPosts, posts.Ids.Distinct().Count());
        Assert.Equal(summary.JobStages, stages.Ids.Distinct().Count());
        Assert.Equal(summary.Offices, offices.Ids.Distinct().Count());
        foreach (var result in new[] { users, candidates, applications, jobs, posts, stages, offices })
        {
            Assert.True(result.Pages >= 7, $"expected many pages, got {result.Pages}");
            Assert.Equal(result.Pages, result.PageCount);
        }

        Assert.True(users.Pages >= 10 && candidates.Pages >= 10 && applications.Pages >= 10 && jobs.Pages >= 10 && stages.Pages >= 10);
        Assert.Contains(applications.Ids, id => id > int.MaxValue);
    }

    [Fact]
    public async Task Given_Link_URLs_with_repeated_parameters_then_the_client_follows_them_exactly_and_gets_every_page()
    {
        var tenant = sandbox.NewOrg(Small, repeatedLinkParams: true);
        var client = tenant.Client();
        var seen = new List<long>();
        var links = new List<string>();

        await foreach (var page in client.PagesAsync(api => api.ListUsers(new UserFilter { PerPage = 2 })))
        {
            seen.AddRange(page.Items.Select(u => u.Id!.Value));
            if (page.Next is { } next)
                links.Add(next.PathAndQuery);
        }

        Assert.True(links.Count >= 9);
        Assert.All(links, link => Assert.Matches(@"[?&](\w+)=[^&]*&(.*&)?\1=", link)); // the quirk: a parameter repeated
        Assert.Equal(tenant.Org.ListUsers().Select(u => u.Id).Order(), seen.Order());
        var followed = tenant.Org.CallLog().Where(c => c.PathAndQuery.StartsWith("/v1/users", StringComparison.Ordinal)).Skip(1).Select(c => c.PathAndQuery);
        Assert.Equal(links, followed); // requested exactly as given, not rebuilt
    }

    [Fact]
    public async Task Given_rel_last_then_page_N_made_from_it_returns_the_same_items_as_following_next()
    {
        var tenant = sandbox.NewOrg(Small);
        var client = tenant.Client();
        var followed = new List<List<long>>();
        HarvestPage<HarvestCandidate>? first = null;
        await foreach (var page in client.PagesAsync(api => api.ListCandidates(new CandidateFilter { PerPage = 6 })))
        {
            first ??= page;
            followed.Add(page.Items.Select(c => c.Id!.Value).ToList());
        }

        for (var n = 2; n <= first!.PageCount; n++)
        {
            var direct = await client.PageAsync<HarvestCandidate>(LinkHeader.WithPage(first.Last!, n));
            Assert.Equal(followed[n - 1], direct.Items.Select(c => c.Id!.Value));
        }
    }

    [Fact]
    public async Task Given_single_record_endpoints_then_job_post_stages_activity_feed_and_interviews_read_back()
    {
        var tenant = sandbox.NewOrg(Small);
        var client = tenant.Client();
        var target = tenant.Org.FindSchedulingTarget()!;

        var job = await client.CallAsync(api => api.RetrieveJob(target.JobId));
        var post = await client.CallAsync(api => api.RetrieveJobPostForJob(target.JobId));
        var stages = await client.CallAsync(api => api.ListJobStagesForJob(target.JobId));
        var feed = await client.CallAsync(api => api.RetrieveActivityFeed(target.CandidateId));

        Assert.Equal(target.JobId, job.Id);
        Assert.Equal(target.JobId, post.JobId);
        Assert.Contains(stages, s => s.Id == target.StageId && s.Interviews!.Any(i => i.Id == target.InterviewStepId && i.Schedulable == true));
        Assert.NotNull(feed.Notes);
        Assert.NotNull(feed.Activities);
    }

    [Fact]
    public async Task Given_a_created_interview_then_it_can_be_found_by_external_event_id_updated_and_deleted()
    {
        var tenant = sandbox.NewOrg(Small);
        var client = tenant.Client();
        var target = tenant.Org.FindSchedulingTarget()!;
        var organizer = target.OrganizerUserId.ToString();
        var start = DateTimeOffset.UtcNow.AddDays(3).Date.AddHours(15);
        var externalId = $"gs-{Guid.NewGuid():N}";

        var created = await client.CallAsync(api => api.CreateScheduledInterview(new CreateScheduledInterviewRequest(
            target.ApplicationId, target.InterviewStepId,
            [new InterviewerAssignment(target.InterviewerUserIds[0], null, null, "needs_action"), new InterviewerAssignment(null, "outside@example.com", null, "accepted")],
            start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), externalId, "Room 1", null), organizer));

        var found = await client.CallAsync(api => api.ListInterviewsForApplication(target.ApplicationId, new ScheduledInterviewFilter { ExternalEventId = externalId }));
        Assert.Equal(created.Id, Assert.Single(found).Id);
        Assert.Equal(new DateTimeOffset(start, TimeSpan.Zero), created.Start!.DateTime);
        Assert.Equal(created.Id, (await client.CallAsync(api => api.RetrieveScheduledInterview(created.Id!.Value))).Id);
        Assert.Contains(await client.CallAsync(api => api.ListScheduledInterviews(new ScheduledInterviewFilter { ExternalEventId = externalId })), i => i.Id == created.Id);

        var moved = await client.CallAsync(api => api.UpdateScheduledInterview(created.Id!.Value,
            new UpdateScheduledInterviewRequest(Start: start.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), End: start.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")), organizer));
        Assert.Equal(new DateTimeOffset(start.AddHours(2), TimeSpan.Zero), moved.Start!.DateTime);
        Assert.Equal("Room 1", tenant.Org.FindScheduledInterview(created.Id!.Value)!.Location);

        await client.CallAsync(api => api.DeleteScheduledInterview(created.Id!.Value, organizer));
        Assert.Null(tenant.Org.FindScheduledInterview(created.Id!.Value));
    }

    [Fact]
    public async Task Given_a_note_and_an_email_then_the_activity_feed_shows_them_with_cc_read_as_a_list_in_both_shapes()
    {
        var tenant = sandbox.NewOrg(Small);
        var client = tenant.Client();
        var target = tenant.Org.FindSchedulingTarget()!;
        var organizer = target.OrganizerUserId.ToString();

        var note = await client.CallAsync(api => api.AddNote(target.CandidateId, new AddNoteRequest(target.OrganizerUserId, "Scheduled onsite", "private"), organizer));
        var email = await client.CallAsync(api => api.AddEmail(target.CandidateId,
            new AddEmailRequest(target.OrganizerUserId, "cand@example.com", "recruiting@example.com", ["hm@example.com", "rec@example.com"], "Your interview", "See you"), organizer));
        var feed = await client.CallAsync(api => api.RetrieveActivityFeed(target.CandidateId));

        Assert.Equal("private", note.Visibility);
        Assert.Equal(["hm@example.com", "rec@example.com"], email.Cc);
        Assert.Contains(feed.Notes!, n => n.Id == note.Id && n.Body == "Scheduled onsite");
        Assert.Equal(["hm@example.com", "rec@example.com"], Assert.Single(feed.Emails!, e => e.Id == email.Id).Cc);
    }

    [Fact]
    public async Task Given_each_error_class_then_the_client_raises_one_typed_error_that_tells_them_apart()
    {
        var tenant = sandbox.NewOrg(Small);
        var target = tenant.Org.FindSchedulingTarget()!;
        var organizer = target.OrganizerUserId.ToString();
        var noJobs = tenant.Org.CreateApiKey(HarvestSandbox.HarvestPermissions.All.Select(p => p.Id).Where(p => p != "jobs.list")).Key;

        var unauthorized = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client(apiKey: "not-a-key").CallAsync(api => api.ListJobs(new JobFilter())));
        var forbidden = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client(apiKey: noJobs).CallAsync(api => api.ListJobs(new JobFilter())));
        var notFound = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client().CallAsync(api => api.RetrieveJob(1)));
        var invalid = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client().CallAsync(api => api.CreateScheduledInterview(
            new CreateScheduledInterviewRequest(target.ApplicationId, target.InterviewStepId, [], "2026-13-01", "nope", "x", null, null), organizer)));

        Assert.Equal((HarvestErrorKind.Unauthorized, HttpStatusCode.Unauthorized), (unauthorized.Kind, unauthorized.Status));
        Assert.Equal((HarvestErrorKind.Forbidden, HttpStatusCode.Forbidden), (forbidden.Kind, forbidden.Status));
        Assert.Equal("GET /v1/jobs", forbidden.Endpoint);
        Assert.Equal(HarvestErrorKind.NotFound, notFound.Kind);
        Assert.Equal(HarvestErrorKind.Validation, invalid.Kind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Contains(invalid.FieldErrors, e => e.Field == "interviewers");
        Assert.Contains(invalid.FieldErrors, e => e.Field == "start");
        Assert.False(invalid.IsTransient);
    }

    [Fact]
    public async Task Given_persistent_server_errors_then_reads_are_retried_and_surface_as_transient_server_errors()
    {
        var tenant = sandbox.NewOrg(Small);
        tenant.Org.AddFault(FaultRule.Fail(503, "jobs.list"));

        var error = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client().CallAsync(api => api.ListJobs(new JobFilter())));

        Assert.Equal(HarvestErrorKind.ServerError, error.Kind);
        Assert.True(error.IsTransient && error.IsAmbiguous);
        Assert.Equal(5, tenant.Org.CallLog().Count(c => c.Permission == "jobs.list")); // the first attempt and 4 retries
    }

    [Fact]
    public async Task Given_a_dropped_connection_on_a_read_then_the_retry_succeeds()
    {
        var tenant = sandbox.NewOrg(Small);
        tenant.Org.AddFault(new FaultRule { Kind = FaultKind.Drop, Endpoint = "users.list", MaxOccurrences = 2 });

        var users = await tenant.Client().CallAsync(api => api.ListUsers(new UserFilter { PerPage = 5 }));

        Assert.Equal(5, users.Count);
    }

    [Fact]
    public async Task Given_a_POST_that_fails_ambiguously_then_it_is_not_retried_blindly()
    {
        var tenant = sandbox.NewOrg(Small);
        var target = tenant.Org.FindSchedulingTarget()!;
        tenant.Org.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = "candidates.add_note", MaxOccurrences = 1 });

        var error = await Assert.ThrowsAsync<HarvestApiException>(() => tenant.Client().CallAsync(api =>
            api.AddNote(target.CandidateId, new AddNoteRequest(target.OrganizerUserId, "once", "public"), target.OrganizerUserId.ToString())));

        Assert.True(error.IsAmbiguous);
        Assert.Single(tenant.Org.Notes(target.CandidateId), n => n.Body == "once");
        Assert.Equal(1, tenant.Org.CallLog().Count(c => c.Permission == "candidates.add_note"));
    }

    [Fact]
    public async Task Given_a_429_then_the_client_waits_as_Greenhouse_says_and_retries_even_a_POST()
    {
        var tenant = sandbox.NewOrg(Small);
        var target = tenant.Org.FindSchedulingTarget()!;
        tenant.Org.AddFault(FaultRule.Fail(429, "candidates.add_note", times: 1));

        var note = await tenant.Client().CallAsync(api =>
            api.AddNote(target.CandidateId, new AddNoteRequest(target.OrganizerUserId, "after 429", "public"), target.OrganizerUserId.ToString()));

        Assert.NotNull(note.Id);
        var calls = tenant.Org.CallLog().Where(c => c.Permission == "candidates.add_note").ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status >= 200 && c.Status < 300 ? 200 : c.Status));
        Assert.True(calls[1].Timestamp - calls[0].Timestamp >= TimeSpan.FromSeconds(0.9), "the retry should honour Retry-After");
        Assert.Single(tenant.Org.Notes(target.CandidateId), n => n.Body == "after 429");
    }

    [Fact]
    public async Task Given_a_write_without_On_Behalf_Of_then_the_client_refuses_to_send_it_and_an_unknown_user_is_not_found()
    {
        var tenant = sandbox.NewOrg(Small);
        var target = tenant.Org.FindSchedulingTarget()!;
        var client = tenant.Client();

        await Assert.ThrowsAnyAsync<Exception>(() => client.CallAsync(api =>
            api.AddNote(target.CandidateId, new AddNoteRequest(target.OrganizerUserId, "x", "public"), "")));
        var unknown = await Assert.ThrowsAsync<HarvestApiException>(() => client.CallAsync(api =>
            api.AddNote(target.CandidateId, new AddNoteRequest(target.OrganizerUserId, "x", "public"), "999999999")));

        Assert.Equal(HarvestErrorKind.NotFound, unknown.Kind);
        Assert.DoesNotContain(tenant.Org.Notes(target.CandidateId), n => n.Body == "x");
        Assert.DoesNotContain(tenant.Org.CallLog(), c => c.Permission == "candidates.add_note" && c.OnBehalfOf is null);
    }
}
