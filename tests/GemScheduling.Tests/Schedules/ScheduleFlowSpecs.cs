using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Schedules;

/// <summary>Scheduling through an org connected with a Harvest v1/v2 API key.</summary>
public sealed class ScheduleFlowSpecsV1(ConnectedApi api) : ScheduleFlowSpecs(api), IClassFixture<ConnectedApi>;

/// <summary>The same specifications through an org connected with Harvest v3 OAuth client credentials.</summary>
public sealed class ScheduleFlowSpecsV3(ConnectedApiV3 api) : ScheduleFlowSpecs(api), IClassFixture<ConnectedApiV3>;

/// <summary>
/// Scheduling through the HTTP API alone, asserting on the sandbox's own record of what Greenhouse received. Every
/// specification holds for both Harvest versions.
/// </summary>
public abstract class ScheduleFlowSpecs(ConnectedApi api)
{
    private SchedulingTarget NextTarget() => api.Greenhouse.FindSchedulingTarget(api.NextTargetNumber() * 3)!;

    private static object Loop(SchedulingTarget target, DateTimeOffset start, int interviews = 2) => new
    {
        applicationId = target.ApplicationId,
        interviews = Enumerable.Range(0, interviews).Select(i => new
        {
            interviewStepId = target.InterviewStepId,
            interviewers = new object[] { new { userId = target.InterviewerUserIds[i % target.InterviewerUserIds.Count] } },
            start = start.AddHours(i), end = start.AddHours(i + 1), timeZone = "America/New_York", location = $"Room {i + 1}",
        }).ToArray(),
    };

    private async Task<JsonElement> CreateAsync(object body, string? idempotencyKey = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, api.Path("schedules")) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await api.Client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {json}");
        return json;
    }

    private IReadOnlyList<SandboxInterview> InGreenhouse(string scheduleId) =>
        api.Greenhouse.ScheduledInterviews().Where(i => i.ExternalEventId?.StartsWith($"gs-{scheduleId}-", StringComparison.Ordinal) == true).ToList();

    [Fact]
    public async Task Given_a_two_interview_loop_when_scheduled_then_Greenhouse_gets_both_interviews_a_note_and_the_logged_confirmation_email()
    {
        var target = NextTarget();
        var start = api.NextSlot();

        var created = await CreateAsync(Loop(target, start));
        Assert.All(created.GetProperty("interviews").EnumerateArray(), i => Assert.Equal("pending", i.GetProperty("writeBack").GetString()));
        var id = created.GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());
        var interviews = InGreenhouse(id);
        Assert.Equal(2, interviews.Count);
        var organizer = await api.OrganizerIdAsync();
        Assert.All(interviews, i =>
        {
            Assert.True(i.CreatedViaHarvest);
            Assert.Equal(target.ApplicationId, i.ApplicationId);
            Assert.Equal(organizer, i.OrganizerUserId);
        });
        Assert.Equal([start, start.AddHours(1)], interviews.Select(i => i.Start.DateTime!.Value).Order());
        foreach (var view in schedule.GetProperty("interviews").EnumerateArray())
        {
            var greenhouseId = view.GetProperty("greenhouseInterviewId").GetInt64();
            Assert.Equal(view.GetProperty("externalEventId").GetString(), interviews.Single(i => i.Id == greenhouseId).ExternalEventId);
        }

        var note = Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Interviews scheduled", StringComparison.Ordinal));
        Assert.Contains(interviews[0].Location!, note.Body);
        var sent = (await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"emails?applicationId={target.ApplicationId}"))).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("scheduleId").GetString() == id);
        var logged = Assert.Single(api.Greenhouse.Emails(target.CandidateId), e => e.Body.Contains(sent.GetProperty("emailId").GetString()!, StringComparison.Ordinal));
        Assert.Equal(sent.GetProperty("subject").GetString(), logged.Subject);
        Assert.Equal(sent.GetProperty("body").GetString(), logged.Body);
        Assert.Equal(sent.GetProperty("to").GetString(), logged.To);
        Assert.Contains("BEGIN:VCALENDAR", sent.GetProperty("ics").GetString());
        var writes = api.Greenhouse.CallLog().Where(c => c.Method != "GET" && !c.PathAndQuery.StartsWith("/auth/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, c => Assert.Equal(api.ApiVersion == "v3", c.PathAndQuery.StartsWith("/v3/", StringComparison.Ordinal)));
        Assert.Contains("METHOD:REQUEST", sent.GetProperty("ics").GetString());
    }

    [Fact]
    public async Task Given_a_fault_free_Greenhouse_when_a_loop_is_scheduled_then_write_back_makes_only_its_four_writes_and_no_reads()
    {
        var target = NextTarget();
        var since = api.Greenhouse.CallLog().LastOrDefault()?.Sequence ?? 0;

        var id = (await CreateAsync(Loop(target, api.NextSlot()))).GetProperty("id").GetString()!;
        await api.SettledAsync(id);

        var calls = api.Greenhouse.CallLog().Where(c => c.Sequence > since && !c.PathAndQuery.StartsWith("/auth/", StringComparison.Ordinal)
            && (c.PathAndQuery.Contains(target.CandidateId.ToString(), StringComparison.Ordinal) || c.PathAndQuery.Contains(target.ApplicationId.ToString(), StringComparison.Ordinal)
                || c.Method != "GET")).ToList();
        var byEndpoint = calls.GroupBy(c => c.Permission ?? $"{c.Method} {c.PathAndQuery}").ToDictionary(g => g.Key, g => g.Count());
        var expected = new[] { "scheduled_interviews.create", "scheduled_interviews.create", "candidates.add_note", "candidates.add_email" }
            .GroupBy(api.Endpoint).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(expected.Count == byEndpoint.Count && expected.All(e => byEndpoint.GetValueOrDefault(e.Key) == e.Value),
            string.Join(", ", calls.Select(c => $"{c.Method} {c.PathAndQuery} [{c.Permission}] {c.Status}")));
    }

    [Fact]
    public async Task Given_a_synced_schedule_when_an_interview_is_moved_then_Greenhouse_is_patched_and_the_candidate_is_told_once()
    {
        var target = NextTarget();
        var created = await CreateAsync(Loop(target, api.NextSlot()));
        var id = created.GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);
        var first = schedule.GetProperty("interviews")[0];
        var moveTo = api.NextSlot();
        var emailsBefore = api.Greenhouse.Emails(target.CandidateId).Count;

        using var patch = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{id}"))
        {
            Content = JsonContent.Create(new { changes = new[] { new { interviewId = first.GetProperty("id").GetString(), start = moveTo, end = moveTo.AddMinutes(45) } } }),
        };
        patch.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var response = await api.Client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());
        var moved = api.Greenhouse.FindScheduledInterview(first.GetProperty("greenhouseInterviewId").GetInt64())!;
        Assert.Equal(moveTo, moved.Start.DateTime);
        Assert.Equal(moveTo.AddMinutes(45), moved.End.DateTime);
        Assert.Equal(2, InGreenhouse(id).Count);
        Assert.Equal(emailsBefore + 1, api.Greenhouse.Emails(target.CandidateId).Count);
        Assert.Contains(api.Greenhouse.Emails(target.CandidateId), e => e.Subject.StartsWith("Updated:", StringComparison.Ordinal));

        using var stale = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{id}"))
        {
            Content = JsonContent.Create(new { changes = new[] { new { interviewId = first.GetProperty("id").GetString(), location = "Room 9" } } }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await api.Client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Given_a_move_already_applied_when_it_is_sent_again_with_the_version_it_was_read_at_then_it_answers_the_schedule_and_changes_nothing()
    {
        // A failover repeats a versioned change whose first try was applied and whose answer was lost.
        var target = NextTarget();
        var id = (await CreateAsync(Loop(target, api.NextSlot()))).GetProperty("id").GetString()!;
        var first = (await api.SettledAsync(id)).GetProperty("interviews")[0].GetProperty("id").GetString();
        var moveTo = api.NextSlot();
        HttpRequestMessage Move()
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, api.Path($"schedules/{id}"))
            {
                Content = JsonContent.Create(new { changes = new[] { new { interviewId = first, start = moveTo, end = moveTo.AddMinutes(45) } } }),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            return request;
        }

        using var once = Move();
        Assert.Equal(HttpStatusCode.OK, (await api.Client.SendAsync(once)).StatusCode);
        await api.SettledAsync(id);
        var emails = api.Greenhouse.Emails(target.CandidateId).Count;

        using var again = Move();
        var repeated = await api.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal("\"2\"", repeated.Headers.ETag!.Tag);
        Assert.Equal("synced", (await api.SettledAsync(id)).GetProperty("writeBack").GetString());
        Assert.Equal(emails, api.Greenhouse.Emails(target.CandidateId).Count);
    }

    [Fact]
    public async Task Given_a_synced_schedule_when_cancelled_then_its_Greenhouse_interviews_are_deleted_with_a_note_and_an_email()
    {
        var target = NextTarget();
        var id = (await CreateAsync(Loop(target, api.NextSlot()))).GetProperty("id").GetString()!;
        await api.SettledAsync(id);
        Assert.Equal(2, InGreenhouse(id).Count);

        var cancelled = await api.Client.PostAsJsonAsync(api.Path($"schedules/{id}/cancel"), new { reason = "Candidate withdrew" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var schedule = await api.SettledAsync(id);

        Assert.Equal("cancelled", schedule.GetProperty("status").GetString());
        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());
        Assert.Empty(InGreenhouse(id));
        Assert.Equal(2, api.Greenhouse.DeletedInterviews().Count(d => d.ViaHarvest && d.Interview.ExternalEventId?.StartsWith($"gs-{id}-", StringComparison.Ordinal) == true));
        Assert.Contains(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Interviews cancelled", StringComparison.Ordinal) && n.Body.Contains("Candidate withdrew", StringComparison.Ordinal));
        Assert.Contains(api.Greenhouse.Emails(target.CandidateId), e => e.Subject.StartsWith("Cancelled:", StringComparison.Ordinal));

        var history = await api.Client.GetFromJsonAsync<JsonElement>(api.Path($"schedules/{id}/history"));
        var types = history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("schedule.created", types[0]);
        Assert.Contains("schedule.cancelled", types);
        Assert.All(history.EnumerateArray(), e => Assert.True(e.GetProperty("recordedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.StartsWith("token:", history[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Given_an_Idempotency_Key_then_a_repeated_request_returns_the_same_schedule_and_a_different_body_is_refused()
    {
        var target = NextTarget();
        var body = Loop(target, api.NextSlot(), interviews: 1);
        var key = Guid.NewGuid().ToString();

        var first = await CreateAsync(body, key);
        var again = await CreateAsync(body, key, HttpStatusCode.OK);
        var other = await CreateAsync(Loop(target, api.NextSlot(), interviews: 1), key, HttpStatusCode.UnprocessableEntity);

        Assert.Equal(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.True(other.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        await api.SettledAsync(first.GetProperty("id").GetString()!);
        Assert.Single(InGreenhouse(first.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task Given_a_request_with_many_problems_then_one_422_names_every_field()
    {
        var target = NextTarget();
        var past = DateTimeOffset.UtcNow.AddDays(-1);
        var body = new
        {
            applicationId = target.ApplicationId,
            interviews = new object[]
            {
                new { interviewStepId = 1, interviewers = new object[] { new { userId = 1 } }, start = past, end = past.AddHours(1), timeZone = "Mars/Olympus" },
                new { interviewStepId = target.InterviewStepId, interviewers = new object[] { new { email = "not-an-email" } }, start = api.NextSlot(), end = api.NextSlot().AddDays(-3), timeZone = "UTC" },
            },
        };

        var problem = await CreateAsync(body, expected: HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "interviews[0].interviewStepId", "interviews[0].start", "interviews[0].timeZone", "interviews[0].interviewers[0].userId", "interviews[1].end", "interviews[1].interviewers[0].email" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Given_Greenhouse_stores_the_create_and_then_fails_then_exactly_one_interview_exists()
    {
        var target = NextTarget();
        api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = api.Endpoint("scheduled_interviews.create"), MaxOccurrences = 1 });

        var id = (await CreateAsync(Loop(target, api.NextSlot(), interviews: 1))).GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());
        var interview = Assert.Single(InGreenhouse(id));
        Assert.Equal(interview.Id, schedule.GetProperty("interviews")[0].GetProperty("greenhouseInterviewId").GetInt64());
    }

    [Fact]
    public async Task Given_Greenhouse_stores_the_note_and_the_logged_email_and_then_fails_then_each_is_on_the_feed_once()
    {
        var target = NextTarget();
        api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.CommitThenDrop, Endpoint = api.Endpoint("candidates.add_note"), MaxOccurrences = 1 });
        api.Greenhouse.AddFault(new FaultRule { Kind = FaultKind.CommitThenFail, Endpoint = api.Endpoint("candidates.add_email"), MaxOccurrences = 1 });

        var id = (await CreateAsync(Loop(target, api.NextSlot(), interviews: 1))).GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);

        Assert.Equal("synced", schedule.GetProperty("writeBack").GetString());
        Assert.Single(api.Greenhouse.Notes(target.CandidateId), n => n.Body.Contains("Interviews scheduled", StringComparison.Ordinal));
        Assert.Single(api.Greenhouse.Emails(target.CandidateId), e => e.Body.Contains("GemScheduling ref eml_", StringComparison.Ordinal));
        // Each injected fault cost exactly one more attempt (in v3 both land on POST /v3/notes, in whichever order).
        var feedWrites = schedule.GetProperty("mutations").EnumerateArray().Where(m => m.GetProperty("kind").GetString() is "log_email" or "add_note").ToList();
        Assert.Equal(2, feedWrites.Count);
        Assert.Equal(4, feedWrites.Sum(m => m.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task Given_Greenhouse_refuses_a_create_permanently_then_the_write_fails_visibly_and_is_not_retried()
    {
        var target = NextTarget();
        var testStart = DateTimeOffset.UtcNow;
        api.Greenhouse.RejectApplication(target.ApplicationId, "Not a fit"); // our copy still says active until the next sync

        var id = (await CreateAsync(Loop(target, api.NextSlot(), interviews: 1))).GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);

        Assert.Equal("failed", schedule.GetProperty("writeBack").GetString());
        var interview = schedule.GetProperty("interviews")[0];
        Assert.Equal("failed", interview.GetProperty("writeBack").GetString());
        Assert.Contains("422", interview.GetProperty("lastError").GetString());
        Assert.Single(api.Greenhouse.CallLog(), c => c.Permission == api.Endpoint("scheduled_interviews.create") && c.Timestamp >= testStart);
        var failed = await api.Client.GetFromJsonAsync<JsonElement>(api.Path("schedules?status=failed"));
        Assert.Contains(failed.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Given_20_concurrent_requests_for_one_interviewers_slot_then_exactly_one_wins_and_the_others_learn_who_and_what_clashes()
    {
        var target = NextTarget();
        var start = api.NextSlot();
        var interviewer = target.InterviewerUserIds[0];
        var bodies = Enumerable.Range(0, 20).Select(i => new
        {
            applicationId = target.ApplicationId,
            interviews = new[] { new { interviewStepId = target.InterviewStepId, interviewers = new object[] { new { userId = interviewer } }, start = start.AddMinutes(i % 3 * 10), end = start.AddMinutes(60 + i % 3 * 10), timeZone = "UTC" } },
        });

        var responses = await Task.WhenAll(bodies.Select(b => api.Client.PostAsJsonAsync(api.Path("schedules"), b)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var conflicts = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(19, conflicts.Count);
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var conflict in conflicts)
        {
            var problem = await conflict.Content.ReadFromJsonAsync<JsonElement>();
            var details = problem.GetProperty("conflict");
            Assert.Equal(interviewer.ToString(), details.GetProperty("interviewerUserId").GetString());
            Assert.Equal(winner.GetProperty("id").GetString(), details.GetProperty("clashingScheduleId").GetString());
            Assert.Equal(winner.GetProperty("interviews")[0].GetProperty("id").GetString(), details.GetProperty("clashingInterviewId").GetString());
        }
    }

    [Fact]
    public async Task Given_a_cancelled_schedule_then_its_interviewers_time_is_free_again()
    {
        var target = NextTarget();
        var body = Loop(target, api.NextSlot(), interviews: 1);
        var id = (await CreateAsync(body)).GetProperty("id").GetString()!;
        await CreateAsync(body, expected: HttpStatusCode.Conflict);

        await api.Client.PostAsJsonAsync(api.Path($"schedules/{id}/cancel"), new { reason = "moved to another week" });

        await CreateAsync(body);
    }

    [Fact]
    public async Task Given_an_interview_deleted_and_one_moved_in_the_Greenhouse_UI_then_reconciliation_shows_both_as_drift_without_overwriting()
    {
        var target = NextTarget();
        var id = (await CreateAsync(Loop(target, api.NextSlot()))).GetProperty("id").GetString()!;
        var schedule = await api.SettledAsync(id);
        var deleted = schedule.GetProperty("interviews")[0].GetProperty("greenhouseInterviewId").GetInt64();
        var moved = schedule.GetProperty("interviews")[1].GetProperty("greenhouseInterviewId").GetInt64();
        var newTime = api.NextSlot();
        api.Greenhouse.DeleteInterviewInUi(deleted);
        api.Greenhouse.UpdateInterviewInUi(moved, new InterviewUiChanges { Start = InterviewTime.At(newTime), End = InterviewTime.At(newTime.AddHours(1)) });

        var reconciled = await (await api.Client.PostAsync(api.Path($"schedules/{id}/reconcile"), null)).Content.ReadFromJsonAsync<JsonElement>();

        var drift = reconciled.GetProperty("drift").EnumerateArray().ToList();
        Assert.Contains(drift, d => d.GetProperty("kind").GetString() == "deleted_in_greenhouse");
        Assert.Contains(drift, d => d.GetProperty("kind").GetString() == "moved_in_greenhouse");
        Assert.Equal(newTime, api.Greenhouse.FindScheduledInterview(moved)!.Start.DateTime); // not overwritten
        var again = await (await api.Client.PostAsync(api.Path($"schedules/{id}/reconcile"), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(drift.Count, again.GetProperty("drift").GetArrayLength()); // the same drift is not recorded twice
        var attention = await api.Client.GetFromJsonAsync<JsonElement>(api.Path("schedules?status=attention"));
        Assert.Contains(attention.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);
    }
}
