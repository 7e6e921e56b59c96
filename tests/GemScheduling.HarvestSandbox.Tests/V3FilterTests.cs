using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>Every v3 list filter, the pipe date syntax, the status trap and the renamed fields (docs/HARVEST-CONTRACT.md §11).</summary>
public sealed class V3FilterTests
{
    private static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Csv(IEnumerable<long> ids) => string.Join(',', ids);

    private static DateTimeOffset At(JsonNode row, string field) =>
        DateTimeOffset.Parse(row[field]!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Given_status_active_When_filtering_applications_Then_rows_say_in_process_and_in_process_itself_is_422()
    {
        var org = await V3Org.CreateAsync();
        var active = org.Org.ListApplications(ApplicationStatus.Active).Select(a => a.Id).OrderDescending().Take(500).ToList();

        var rows = await org.ListAsync("v3/applications?status=active&per_page=500");
        var rejected = await org.ListAsync("v3/applications?status=rejected&per_page=500");
        using var trap = await org.GetAsync("v3/applications?status=in_process");

        Assert.Equal(active, rows.Ids());
        Assert.All(rows, r => Assert.Equal("in_process", r!["status"]!.GetValue<string>()));
        Assert.All(rejected, r => Assert.Equal("rejected", r!["status"]!.GetValue<string>()));
        Assert.NotEmpty(rejected);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, trap.StatusCode);
        Assert.Equal(["status"], await Json.ErrorFieldsAsync(trap));
    }

    [Fact]
    public async Task Given_ids_candidate_ids_and_job_ids_When_filtering_applications_Then_each_narrows_the_rows_and_the_shape_is_flat()
    {
        var org = await V3Org.CreateAsync();
        var apps = org.Org.ListApplications();
        var some = apps.Where(a => a.Jobs.Count == 1).Take(3).ToList();
        var job = some[0].Jobs[0].Id;

        var byIds = await org.ListAsync($"v3/applications?ids={Csv(some.Select(a => a.Id))}");
        var byCandidate = await org.ListAsync($"v3/applications?candidate_ids={some[1].CandidateId}");
        var byJob = await org.ListAsync($"v3/applications?job_ids={job}&per_page=500");

        Assert.Equal(some.Select(a => a.Id).OrderDescending(), byIds.Ids());
        Assert.Equal(apps.Where(a => a.CandidateId == some[1].CandidateId).Select(a => a.Id).OrderDescending(), byCandidate.Ids());
        Assert.Equal(apps.Where(a => a.Jobs.Any(j => j.Id == job)).Select(a => a.Id).OrderDescending(), byJob.Ids());
        var row = byIds.First(r => r!.Id() == some[0].Id)!;
        Assert.Equal(job, row["job_id"]!.GetValue<long>());
        Assert.Equal(some[0].AppliedAt, At(row, "created_at"));
        Assert.Equal(some[0].CurrentStage?.Name, row["stage_name"]?.GetValue<string>());
        Assert.Null(row["jobs"]);
        Assert.Null(row["current_stage"]);
        Assert.Null(row["applied_at"]);
    }

    [Fact]
    public async Task Given_pipe_date_filters_When_filtering_applications_Then_gte_gt_lte_lt_and_two_operators_bound_created_at()
    {
        var org = await V3Org.CreateAsync();
        var apps = org.Org.ListApplications().OrderBy(a => a.AppliedAt).ToList();
        var from = apps[100].AppliedAt;
        var to = apps[150].AppliedAt;

        async Task<IReadOnlyList<long>> Ids(string filter) => (await org.ListAsync($"v3/applications?per_page=500&created_at={Uri.EscapeDataString(filter)}")).Ids();
        IReadOnlyList<long> Expected(Func<DateTimeOffset, bool> keep) => apps.Where(a => keep(a.AppliedAt)).Select(a => a.Id).OrderDescending().ToList();

        Assert.Equal(Expected(t => t >= from), await Ids($"gte|{Ts(from)}"));
        Assert.Equal(Expected(t => t > from), await Ids($"gt|{Ts(from)}"));
        Assert.Equal(Expected(t => t <= to), await Ids($"lte|{Ts(to)}"));
        Assert.Equal(Expected(t => t < to), await Ids($"lt|{Ts(to)}"));
        var between = await Ids($"gte|{Ts(from)}|lte|{Ts(to)}");
        Assert.Equal(Expected(t => t >= from && t <= to), between);
        Assert.Equal(51, between.Count);
    }

    [Fact]
    public async Task Given_updated_at_and_last_activity_at_When_filtering_Then_both_bound_the_last_activity()
    {
        var org = await V3Org.CreateAsync();
        var apps = org.Org.ListApplications();
        var since = apps.OrderBy(a => a.LastActivityAt).ElementAt(250).LastActivityAt;
        var expected = apps.Where(a => a.LastActivityAt >= since).Select(a => a.Id).OrderDescending().ToList();

        Assert.Equal(expected, (await org.ListAsync($"v3/applications?updated_at=gte|{Ts(since)}")).Ids());
        Assert.Equal(expected, (await org.ListAsync($"v3/applications?last_activity_at=gte|{Ts(since)}")).Ids());
        Assert.Equal(expected, (await org.ListAsync($"v3/applications?created_at=lte|2100-01-01&last_activity_at=gte|{Ts(since)}")).Ids());
    }

    [Theory]
    [InlineData("v3/applications?created_at=gte|2024-01-01T00:00:00Z&updated_at=gte|2024-01-01T00:00:00Z", "updated_at")]
    [InlineData("v3/candidates?created_at=gte|2024-01-01&updated_at=lt|2030-01-01", "updated_at")]
    [InlineData("v3/applications?created_at=2024-01-01T00:00:00Z", "created_at")]
    [InlineData("v3/applications?created_at=after|2024-01-01T00:00:00Z", "created_at")]
    [InlineData("v3/applications?created_at=gte|yesterday", "created_at")]
    [InlineData("v3/applications?created_at=gte|2024-01-01|gt|2024-02-01", "created_at")]
    [InlineData("v3/applications?job_ids=abc", "job_ids")]
    [InlineData("v3/users?deactivated=maybe", "deactivated")]
    [InlineData("v3/interviews?status=cancelled", "status")]
    [InlineData("v3/notes?type=SMS", "type")]
    [InlineData("v3/jobs?status=paused", "status")]
    public async Task Given_an_invalid_filter_When_listing_Then_422_naming_it(string path, string field)
    {
        var org = await V3Org.CreateAsync();

        using var response = await org.GetAsync(path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([field], await Json.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("applications", "ids")]
    [InlineData("applications", "candidate_ids")]
    [InlineData("interviews", "application_ids")]
    [InlineData("interviewers", "interview_ids")]
    [InlineData("notes", "candidate_ids")]
    [InlineData("jobs", "ids")]
    [InlineData("job_interviews", "job_ids")]
    [InlineData("interview_kits", "job_interview_ids")]
    [InlineData("default_interviewers", "interview_kit_ids")]
    [InlineData("job_owners", "job_ids")]
    [InlineData("user_emails", "email")]
    [InlineData("users", "employee_ids")]
    public async Task Given_more_than_50_values_When_filtering_by_ids_Then_422_and_50_are_accepted(string resource, string filter)
    {
        var org = await V3Org.CreateAsync();

        using var tooMany = await org.GetAsync($"v3/{resource}?{filter}={Csv(Enumerable.Range(1, 51).Select(i => (long)i))}");
        using var fifty = await org.GetAsync($"v3/{resource}?{filter}={Csv(Enumerable.Range(1, 50).Select(i => (long)i))}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal([filter], await Json.ErrorFieldsAsync(tooMany));
        Assert.Equal(HttpStatusCode.OK, fifty.StatusCode);
    }

    [Fact]
    public async Task Given_an_application_When_reading_its_stage_id_Then_application_stages_leads_to_the_job_interview_stage_v1_calls_current_stage()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;

        var app = Assert.Single(await org.ListAsync($"v3/applications?ids={target.ApplicationId}"))!;
        var stays = await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}");

        var stageId = app["stage_id"]!.GetValue<long>();
        Assert.NotEqual(target.StageId, stageId); // the trap: not a job stage id
        var current = Assert.Single(stays, s => s!.Id() == stageId)!;
        Assert.Null(current["exited_at"]);
        Assert.Equal(target.StageId, current["job_interview_stage_id"]!.GetValue<long>());
        Assert.Equal(org.Org.GetApplication(target.ApplicationId).CurrentStage!.Id, current["job_interview_stage_id"]!.GetValue<long>());
        Assert.All(stays.Where(s => s!.Id() != stageId), s => Assert.NotNull(s!["exited_at"]));
        var steps = await org.ListAsync($"v3/job_interviews?job_interview_stage_ids={target.StageId}&scheduling_type=needs_scheduling");
        Assert.Contains(target.InterviewStepId, steps.Ids());
    }

    [Fact]
    public async Task Given_an_application_moved_to_another_stage_When_listing_its_stages_Then_the_old_stay_is_closed_and_a_new_current_one_opened()
    {
        var org = await V3Org.CreateAsync();
        var target = org.Org.FindSchedulingTarget()!;
        var other = org.Org.GetJobStages(target.JobId).First(s => s.Active && s.Id != target.StageId);
        var before = await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}");

        org.Org.MoveApplication(target.ApplicationId, other.Id);
        var after = await org.ListAsync($"v3/application_stages?application_ids={target.ApplicationId}");
        var app = Assert.Single(await org.ListAsync($"v3/applications?ids={target.ApplicationId}"))!;

        Assert.Equal(before.Count + 1, after.Count);
        var newest = after[0]!;
        Assert.Equal(other.Id, newest["job_interview_stage_id"]!.GetValue<long>());
        Assert.Null(newest["exited_at"]);
        Assert.Equal(newest.Id(), app["stage_id"]!.GetValue<long>());
        Assert.Equal(other.Name, app["stage_name"]!.GetValue<string>());
        Assert.Equal(At(newest, "entered_at"), At(after[1]!, "exited_at"));
    }

    [Fact]
    public async Task Given_users_When_filtering_by_primary_email_employee_ids_and_deactivated_Then_v3_field_names_are_used()
    {
        var org = await V3Org.CreateAsync();
        var users = org.Org.ListUsers();
        var someone = users.First(u => u.EmployeeId is not null && u.Emails.Count > 1);
        var disabled = users.Where(u => u.Disabled).Select(u => u.Id).OrderDescending().ToList();

        var byEmail = Assert.Single(await org.ListAsync($"v3/users?primary_email={Uri.EscapeDataString(someone.PrimaryEmailAddress.ToUpperInvariant())}"))!;
        var bySecondary = await org.ListAsync($"v3/users?primary_email={Uri.EscapeDataString(someone.Emails[1])}");
        var byEmployee = await org.ListAsync($"v3/users?employee_ids={someone.EmployeeId},NOPE");
        var deactivated = await org.ListAsync("v3/users?deactivated=true&per_page=500");

        Assert.Equal(someone.Id, byEmail.Id());
        Assert.Equal(someone.PrimaryEmailAddress, byEmail["primary_email"]!.GetValue<string>());
        Assert.False(byEmail["deactivated"]!.GetValue<bool>());
        Assert.Null(byEmail["disabled"]);
        Assert.Null(byEmail["primary_email_address"]);
        Assert.Empty(bySecondary);
        Assert.Equal([someone.Id], byEmployee.Ids());
        Assert.Equal(disabled, deactivated.Ids());
        Assert.All(deactivated, u => Assert.True(u!["deactivated"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Given_candidates_When_filtering_by_ids_and_updated_at_Then_v3_names_and_no_embedded_applications()
    {
        var org = await V3Org.CreateAsync();
        var c = org.Org.GetCandidate(org.Org.ListApplications()[5].CandidateId);

        var row = Assert.Single(await org.ListAsync($"v3/candidates?ids={c.Id}"))!;
        var updated = await org.ListAsync($"v3/candidates?per_page=500&updated_at=gte|{Ts(c.UpdatedAt)}");

        Assert.Equal(c.IsPrivate, row["private"]!.GetValue<bool>());
        Assert.Equal(c.LastActivity, At(row, "last_activity_at"));
        Assert.Null(row["applications"]);
        Assert.Null(row["application_ids"]);
        Assert.Null(row["is_private"]);
        Assert.Contains(c.Id, updated.Ids());
        Assert.All(updated, r => Assert.True(At(r!, "updated_at") >= c.UpdatedAt));
    }

    [Fact]
    public async Task Given_interviews_When_filtering_Then_application_ids_ids_external_event_id_status_and_starts_at_work_and_interviewers_come_separately()
    {
        var org = await V3Org.CreateAsync();
        var all = org.Org.ScheduledInterviews();
        var withPanel = all.First(i => i.Interviewers.Count > 1 && i.ExternalEventId is not null && i.Start.DateTime is not null);
        var allDay = all.FirstOrDefault(i => i.Start.Date is not null);

        var byApp = await org.ListAsync($"v3/interviews?application_ids={withPanel.ApplicationId}");
        var byId = Assert.Single(await org.ListAsync($"v3/interviews?ids={withPanel.Id}"))!;
        var byEvent = await org.ListAsync($"v3/interviews?external_event_id={withPanel.ExternalEventId}");
        var complete = await org.ListAsync("v3/interviews?status=complete&per_page=500");
        var starts = await org.ListAsync($"v3/interviews?per_page=500&starts_at=gte|2000-01-01");
        var panel = await org.ListAsync($"v3/interviewers?interview_ids={withPanel.Id}");

        Assert.Equal(all.Where(i => i.ApplicationId == withPanel.ApplicationId).Select(i => i.Id).OrderDescending(), byApp.Ids());
        Assert.Equal(withPanel.InterviewStepId, byId["job_interview_id"]!.GetValue<long>());
        Assert.Equal(withPanel.Start.DateTime, At(byId, "starts_at"));
        Assert.Equal(withPanel.OrganizerUserId, byId["organizer_id"]?.GetValue<long>());
        Assert.Null(byId["interviewers"]);
        Assert.Null(byId["start"]);
        Assert.Contains(withPanel.Id, byEvent.Ids());
        Assert.Equal(all.Count(i => i.Status == InterviewStatus.Complete), complete.Count);
        Assert.Equal(all.Count(i => i.Start.DateTime is not null), starts.Count);
        Assert.Equal(withPanel.Interviewers.Select(i => i.UserId), panel.Reverse().Select(p => p!["user_id"]?.GetValue<long>()));
        Assert.All(panel, p => Assert.Equal(withPanel.Id, p!["interview_id"]!.GetValue<long>()));
        if (allDay is not null)
        {
            var row = Assert.Single(await org.ListAsync($"v3/interviews?ids={allDay.Id}"))!;
            Assert.Null(row["starts_at"]);
            Assert.Equal(allDay.Start.Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row["all_day_start_on"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Given_a_job_When_reading_it_through_v3_Then_jobs_posts_stages_job_interviews_kits_and_default_interviewers_match_v1()
    {
        var org = await V3Org.CreateAsync();
        var job = org.Org.ListJobs().First(j => j.Status == "open");
        var stages = org.Org.GetJobStages(job.Id);

        var jobRow = Assert.Single(await org.ListAsync($"v3/jobs?ids={job.Id}"))!;
        var posts = await org.ListAsync($"v3/job_posts?job_ids={job.Id}");
        var stageRows = await org.ListAsync($"v3/job_interview_stages?job_ids={job.Id}");
        var steps = await org.ListAsync($"v3/job_interviews?job_ids={job.Id}");
        var stepIds = stages.SelectMany(s => s.Interviews).Select(i => i.Id).ToList();
        var kits = await org.ListAsync($"v3/interview_kits?job_interview_ids={Csv(stepIds)}&per_page=500");
        var defaults = await org.ListAsync($"v3/default_interviewers?interview_kit_ids={Csv(kits.Ids())}&per_page=500");

        Assert.Equal(job.Name, jobRow["name"]!.GetValue<string>());
        Assert.Equal(job.Offices.Select(o => o.Id), jobRow["office_ids"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Null(jobRow["offices"]);
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.Equal(job.Id, p!["job_id"]!.GetValue<long>()));
        Assert.All(posts, p => Assert.Null(p!["external"]));
        Assert.Equal(stages.Select(s => (s.Id, s.Priority)).OrderByDescending(s => s.Id),
            stageRows.Select(s => (s!.Id(), s!["sort_order"]!.GetValue<int>())));
        Assert.All(stageRows, s => Assert.Null(s!["priority"]));
        foreach (var stage in stages)
        {
            foreach (var step in stage.Interviews)
            {
                var row = steps.Single(s => s!.Id() == step.Id)!;
                Assert.Equal(stage.Id, row["job_interview_stage_id"]!.GetValue<long>());
                Assert.Equal(step.EstimatedMinutes, row["duration"]?.GetValue<int>());
                Assert.Equal(step.Schedulable, row["scheduling_type"]!.GetValue<string>() == "needs_scheduling");
                var kit = kits.Single(k => k!["job_interview_id"]!.GetValue<long>() == step.Id)!;
                Assert.Equal(step.DefaultInterviewerUsers.Select(u => u.Id).Order(),
                    defaults.Where(d => d!["interview_kit_id"]!.GetValue<long>() == kit.Id()).Select(d => d!["user_id"]!.GetValue<long>()).Order());
            }
        }

        Assert.Contains(steps, s => s!["scheduling_type"]!.GetValue<string>() is "none" or "take_home_test" or "offer");
    }

    [Fact]
    public async Task Given_offices_When_filtering_by_parent_and_external_id_Then_location_is_a_string_and_the_contact_is_renamed()
    {
        var org = await V3Org.CreateAsync();

        var all = await org.ListAsync("v3/offices");
        var child = all.First(o => o!["parent_id"] is not null)!;
        var children = await org.ListAsync($"v3/offices?parent_id={child["parent_id"]!.GetValue<long>()}");
        var byExternal = Assert.Single(await org.ListAsync($"v3/offices?external_id={child["external_id"]!.GetValue<string>()}"))!;

        Assert.Equal(7, all.Count);
        Assert.All(all, o => Assert.Equal(System.Text.Json.JsonValueKind.String, o!["location"]!.GetValueKind()));
        Assert.All(all, o => Assert.True(o!.AsObject().ContainsKey("primary_in_house_contact_user_id")));
        Assert.All(all, o => Assert.Null(o!["child_ids"]));
        Assert.Contains(child.Id(), children.Ids());
        Assert.Equal(child.Id(), byExternal.Id());
    }

    [Fact]
    public async Task Given_notes_When_filtering_by_candidate_ids_and_type_Then_rows_are_typed_and_visibility_reads_as_visible_words()
    {
        var org = await V3Org.CreateAsync();
        var candidate = org.Org.Notes().GroupBy(n => n.CandidateId).First().Key;
        var notes = org.Org.Notes(candidate);
        var emails = org.Org.Emails(candidate);
        var activities = org.Org.Activities(candidate);

        var rows = await org.ListAsync($"v3/notes?candidate_ids={candidate}");
        var onlyNotes = await org.ListAsync($"v3/notes?candidate_ids={candidate}&type=NOTE");
        var notesAndEmails = await org.ListAsync($"v3/notes?candidate_ids={candidate}&type=NOTE,EMAIL");
        var interviews = await org.ListAsync($"v3/notes?candidate_ids={candidate}&type=INTERVIEW");

        Assert.Equal(notes.Count + emails.Count + activities.Count, rows.Count);
        Assert.Equal(notes.Select(n => n.Id).OrderDescending(), onlyNotes.Ids());
        Assert.Equal(notes.Count + emails.Count, notesAndEmails.Count);
        Assert.Empty(interviews);
        foreach (var note in notes)
        {
            var row = onlyNotes.Single(r => r!.Id() == note.Id)!;
            Assert.Equal(note.Visibility switch
            {
                NoteVisibility.Public => "publicly_visible",
                NoteVisibility.Private => "privately_visible",
                _ => "admin_only_visible",
            }, row["visibility"]!.GetValue<string>());
            Assert.Equal(note.Body, row["body"]!.GetValue<string>());
        }

        Assert.All(rows.Where(r => r!["type"]!.GetValue<string>() == "ACTIVITY"), r => Assert.NotNull(r!["subject"]));
    }

    [Fact]
    public async Task Given_the_remaining_filters_When_listing_through_v3_Then_each_returns_what_v1_or_the_admin_read_backs_say()
    {
        var org = await V3Org.CreateAsync();
        var candidates = org.Org.ListApplications().Select(a => a.CandidateId).Distinct().Select(org.Org.GetCandidate).ToList();
        var candidateCut = candidates.OrderBy(c => c.CreatedAt).ElementAt(candidates.Count / 2).CreatedAt;
        var interviews = org.Org.ScheduledInterviews();
        var timed = interviews.Where(i => i.End.DateTime is not null).OrderBy(i => i.End.DateTime).ToList();
        var endCut = timed[timed.Count / 2].End.DateTime!.Value;
        var createdCut = interviews.OrderBy(i => i.CreatedAt).ElementAt(interviews.Count / 2).CreatedAt;
        var someJob = interviews.Select(i => org.Org.GetApplication(i.ApplicationId).Jobs[0].Id).First();
        var panelist = interviews.SelectMany(i => i.Interviewers).First(m => m.UserId is not null).UserId!.Value;
        var feed = org.Org.Notes().Select(n => (n.Id, n.CreatedAt)).Concat(org.Org.Emails().Select(e => (e.Id, e.CreatedAt)))
            .Concat(org.Org.Activities().Select(a => (a.Id, a.CreatedAt))).ToList();
        var feedCut = feed.OrderBy(f => f.CreatedAt).ElementAt(feed.Count / 2).CreatedAt;
        var stays = await org.ListAsync("v3/application_stages?per_page=3");
        var now = DateTimeOffset.UtcNow.AddMinutes(1);

        // v3 filter → the same rows as the v1 endpoint (v1 lists ascending, v3 descending).
        (string V3, string V1)[] againstV1 =
        [
            ("v3/jobs?status=open", "v1/jobs?status=open"),
            ("v3/jobs?status=closed", "v1/jobs?status=closed"),
            ("v3/job_posts?live=true", "v1/job_posts?live=true"),
            ("v3/job_posts?active=false", "v1/job_posts?active=false"),
            ("v3/job_posts?internal=true", "v1/job_posts?internal=true"),
            ($"v3/candidates?created_at=gte|{Ts(candidateCut)}", $"v1/candidates?created_after={Ts(candidateCut)}"),
            ($"v3/candidates?created_at=lt|{Ts(candidateCut)}", $"v1/candidates?created_before={Ts(candidateCut)}"),
            ($"v3/users?updated_at=lt|{Ts(now)}&show_service_accounts=true", $"v1/users?updated_before={Ts(now)}"),
            ($"v3/job_interview_stages?created_at=gte|2000-01-01", "v1/job_stages"),
        ];
        foreach (var (v3Path, v1Path) in againstV1)
        {
            var v1Ids = (await org.V1.GetJsonAsync(v1Path + (v1Path.Contains('?') ? "&" : "?") + "per_page=500")).AsArray().Ids().OrderDescending();
            Assert.True(v1Ids.SequenceEqual((await org.ListAsync(v3Path + (v3Path.Contains('?') ? "&" : "?") + "per_page=500")).Ids()), v3Path);
        }

        // v3 filter → the rows the admin read-backs say.
        (string V3, IEnumerable<long> Expected)[] againstReadBacks =
        [
            ($"v3/interviews?job_ids={someJob}", interviews.Where(i => org.Org.GetApplication(i.ApplicationId).Jobs.Any(j => j.Id == someJob)).Select(i => i.Id)),
            ($"v3/interviews?ends_at=lt|{Ts(endCut)}", timed.Where(i => i.End.DateTime < endCut).Select(i => i.Id)),
            ($"v3/interviews?created_at=gte|{Ts(createdCut)}", interviews.Where(i => i.CreatedAt >= createdCut).Select(i => i.Id)),
            ($"v3/interviews?updated_at=gte|2000-01-01&status=scheduled", interviews.Where(i => i.Status == InterviewStatus.Scheduled).Select(i => i.Id)),
            ($"v3/interviewers?user_ids={panelist}", interviews.SelectMany(i => i.Interviewers).Where(m => m.UserId == panelist).Select(m => m.Id)),
            ($"v3/interviewers?ids={interviews[0].Interviewers[0].Id}", [interviews[0].Interviewers[0].Id]),
            ($"v3/notes?created_at=gte|{Ts(feedCut)}", feed.Where(f => f.CreatedAt >= feedCut).Select(f => f.Id)),
            ($"v3/notes?ids={feed[0].Id},{feed[^1].Id}", [feed[0].Id, feed[^1].Id]),
            ($"v3/application_stages?ids={stays[1]!.Id()}", [stays[1]!.Id()]),
            ($"v3/candidates?last_activity_at=gte|{Ts(candidateCut)}", candidates.Where(c => c.LastActivity >= candidateCut).Select(c => c.Id)),
            ($"v3/users?ids={org.SiteAdminId}", [org.SiteAdminId]),
        ];
        foreach (var (v3Path, expected) in againstReadBacks)
        {
            var actual = (await org.ListAsync(v3Path + "&per_page=500")).Ids();
            Assert.True(expected.Distinct().OrderDescending().SequenceEqual(actual), $"{v3Path}: expected {Csv(expected.OrderDescending())}, got {Csv(actual)}");
        }
    }
}
