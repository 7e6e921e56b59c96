using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>v3 interview and note writes land in the same store v1 reads (and the other way round).</summary>
public sealed class V3WriteTests
{
    private static DateTimeOffset At(JsonNode row, string field) =>
        DateTimeOffset.Parse(row[field]!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Given_a_v3_interview_create_When_reading_through_v1_Then_the_same_interview_with_the_sub_as_organizer_and_the_panel_is_listed()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var organizer = org.SiteAdminId;

        using var created = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids, "evt-v3-create"), sub: organizer);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = (await Json.ReadAsync(created))!;
        var id = row.Id();
        Assert.Equal(ids.ApplicationId, row["application_id"]!.GetValue<long>());
        Assert.Equal(ids.StepId, row["job_interview_id"]!.GetValue<long>());
        Assert.Equal(ids.JobId, row["job_id"]!.GetValue<long>());
        Assert.Equal("scheduled", row["status"]!.GetValue<string>());
        Assert.Equal(organizer, row["organizer_id"]!.GetValue<long>());
        Assert.Equal(new DateTimeOffset(2030, 2, 4, 15, 0, 0, TimeSpan.Zero), At(row, "starts_at"));
        Assert.Null(row["interviewers"]);

        var v1 = await org.V1.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?external_event_id=evt-v3-create");
        var v1Row = Assert.Single(v1.AsArray())!;
        Assert.Equal(id, v1Row.Id());
        Assert.Equal("2030-02-04T15:00:00.000Z", v1Row["start"]!["date_time"]!.GetValue<string>());
        Assert.Equal(organizer, v1Row["organizer"]!.Id());
        Assert.Equal([ids.InterviewerId, (long?)null], v1Row["interviewers"]!.AsArray().Select(i => i!["id"]?.GetValue<long>()));
        Assert.Equal("Room 7", v1Row["location"]!.GetValue<string>());

        var stored = org.Org.FindScheduledInterview(id)!;
        Assert.True(stored.CreatedViaHarvest);
        var panel = await org.ListAsync($"v3/interviewers?interview_ids={id}");
        Assert.Equal(["outside.v3@elsewhere.example", org.Org.GetUser(ids.InterviewerId).PrimaryEmailAddress], panel.Select(p => p!["email"]!.GetValue<string>()));
        Assert.Equal(["needs_action", "accepted"], panel.Select(p => p!["response_status"]!.GetValue<string>()));
        Assert.Equal(stored.Interviewers.Select(i => i.Id).OrderDescending(), panel.Ids());
    }

    [Fact]
    public async Task Given_a_v3_interview_When_patching_interviewers_Then_the_whole_panel_is_replaced_with_new_rows_in_v3_and_v1()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        using var created = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids));
        var id = (await Json.ReadAsync(created))!.Id();
        var oldPanel = (await org.ListAsync($"v3/interviewers?interview_ids={id}")).Ids();

        using var patched = await org.PatchAsync($"v3/interviews/{id}",
            $$"""{"interviewers":[{"user_id":{{ids.OrganizerId}},"response_status":"tentative"}],"starts_at":"2030-02-05T15:00:00Z","ends_at":"2030-02-05T15:45:00Z","location":null}""");

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var row = (await Json.ReadAsync(patched))!;
        Assert.Equal(new DateTimeOffset(2030, 2, 5, 15, 45, 0, TimeSpan.Zero), At(row, "ends_at"));
        Assert.Null(row["location"]);
        var panel = await org.ListAsync($"v3/interviewers?interview_ids={id}");
        var member = Assert.Single(panel)!;
        Assert.Equal(ids.OrganizerId, member["user_id"]!.GetValue<long>());
        Assert.Equal("tentative", member["response_status"]!.GetValue<string>());
        Assert.DoesNotContain(member.Id(), oldPanel);
        var v1 = await org.V1.GetJsonAsync($"v1/scheduled_interviews/{id}");
        Assert.Equal([ids.OrganizerId], v1["interviewers"]!.AsArray().Select(i => i!.Id()));
        Assert.Equal("2030-02-05T15:45:00.000Z", v1["end"]!["date_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Given_a_v3_interview_When_deleting_it_Then_204_v1_no_longer_lists_it_and_the_deletion_is_logged_with_the_sub()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var actor = org.SiteAdminId;
        using var created = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids, "evt-v3-delete"));
        var id = (await Json.ReadAsync(created))!.Id();

        using var deleted = await org.DeleteAsync($"v3/interviews/{id}", sub: actor);
        using var again = await org.DeleteAsync($"v3/interviews/{id}", sub: actor);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty((await org.V1.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?external_event_id=evt-v3-delete")).AsArray());
        Assert.Empty(await org.ListAsync($"v3/interviews?ids={id}"));
        Assert.Empty(await org.ListAsync($"v3/interviewers?interview_ids={id}"));
        var log = Assert.Single(org.Org.DeletedInterviews());
        Assert.Equal((id, true, (long?)actor), (log.Interview.Id, log.ViaHarvest, log.DeletedByUserId));
    }

    [Fact]
    public async Task Given_interviews_written_through_v2_and_v1_When_reading_and_writing_through_v3_Then_it_is_one_store()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        using var v2 = await org.V1.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids, "evt-v2"), ids.OrganizerId);
        var v2Id = (await Json.ReadAsync(v2))!.Id();
        using var v3 = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids, "evt-v3"));
        var v3Id = (await Json.ReadAsync(v3))!.Id();

        var seen = await org.ListAsync($"v3/interviews?external_event_id=evt-v2");
        using var patchV2 = await org.PatchAsync($"v3/interviews/{v2Id}", """{"location":"Changed in v3"}""");
        using var deleteV3ThroughV1 = await org.V1.DeleteAsync($"v1/scheduled_interviews/{v3Id}", ids.OrganizerId);

        Assert.Equal([v2Id], seen.Ids());
        Assert.Equal(HttpStatusCode.OK, patchV2.StatusCode);
        Assert.Equal("Changed in v3", (await org.V1.GetJsonAsync($"v1/scheduled_interviews/{v2Id}"))["location"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, deleteV3ThroughV1.StatusCode);
        Assert.Empty(await org.ListAsync($"v3/interviews?ids={v3Id}"));
    }

    [Fact]
    public async Task Given_an_interview_created_in_the_UI_When_patching_or_deleting_through_v3_Then_422_and_nothing_changes()
    {
        var org = await V3Org.CreateAsync();
        var ui = org.Org.ScheduledInterviews(createdViaHarvest: false).First();
        var before = org.Org.Fingerprint();

        using var patch = await org.PatchAsync($"v3/interviews/{ui.Id}", """{"location":"x"}""");
        using var delete = await org.DeleteAsync($"v3/interviews/{ui.Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
        Assert.Equal(["id"], await Json.ErrorFieldsAsync(delete));
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_an_invalid_create_When_posting_Then_422_errors_name_every_field_and_a_non_JSON_body_is_400()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var invalid = await org.PostAsync("v3/interviews",
            $$"""{"application_id":{{ids.ApplicationId}},"job_interview_id":1,"starts_at":"2030-01-01T10:00:00Z","ends_at":"2030-01-01T09:00:00Z","interviewers":[{"user_id":{{ids.InterviewerId}}}]}""");
        var form = V3Org.Request(HttpMethod.Post, org.Url("v3/interviews"), await org.TokenAsync());
        form.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("application_id", "1")]);
        using var notJson = await org.Http.SendAsync(form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var body = (await Json.ReadAsync(invalid))!;
        Assert.Null(body["message"]);
        Assert.Equal(["external_event_id", "job_interview_id", "ends_at", "interviewers[0].response_status"], await Json.ErrorFieldsAsync(invalid));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.False(string.IsNullOrEmpty(await Json.MessageAsync(notJson)));
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Theory]
    [InlineData("public", "publicly_visible")]
    [InlineData("private", "privately_visible")]
    [InlineData("admin_only", "admin_only_visible")]
    public async Task Given_a_v3_NOTE_When_reading_back_Then_v3_says_the_visible_word_and_v1_shows_the_same_note(string visibility, string readBack)
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var author = ids.OrganizerId;
        var actor = org.SiteAdminId;

        using var created = await org.PostAsync("v3/notes",
            $$"""{"candidate_id":{{ids.CandidateId}},"application_id":{{ids.ApplicationId}},"user_id":{{author}},"body":"Scheduled via v3.","visibility":"{{visibility}}","note_type":"NOTE"}""",
            sub: actor);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = (await Json.ReadAsync(created))!;
        Assert.Equal(("NOTE", readBack, ids.ApplicationId), (row["type"]!.GetValue<string>(), row["visibility"]!.GetValue<string>(), row["application_id"]!.GetValue<long>()));
        var listed = (await org.ListAsync($"v3/notes?candidate_ids={ids.CandidateId}&type=NOTE"))[0]!;
        Assert.Equal(row.ToJsonString(), listed.ToJsonString());
        var feed = await org.V1.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");
        var v1Note = feed["notes"]!.AsArray().Single(n => n!.Id() == row.Id())!;
        Assert.Equal(visibility, v1Note["visibility"]!.GetValue<string>());
        Assert.Equal(author, v1Note["user"]!.Id());
        var stored = org.Org.Notes(ids.CandidateId).Single(n => n.Id == row.Id());
        Assert.Equal((actor, ids.ApplicationId), (stored.OnBehalfOfUserId!.Value, stored.ApplicationId!.Value));
    }

    [Fact]
    public async Task Given_a_v3_EMAIL_note_When_reading_back_Then_v3_has_the_email_fields_and_v1_logs_the_email()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);

        using var created = await org.PostAsync("v3/notes",
            $$"""{"candidate_id":{{ids.CandidateId}},"user_id":{{ids.OrganizerId}},"note_type":"EMAIL","visibility":"private","subject":"Interview confirmed","body":"See you Tuesday.","email_from":"recruiter@globex.example","email_to":"candidate@mailbox.example","email_cc":["manager@globex.example","hm@globex.example"]}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = (await Json.ReadAsync(created))!;
        Assert.Equal("EMAIL", row["type"]!.GetValue<string>());
        Assert.Equal("Interview confirmed", row["subject"]!.GetValue<string>());
        Assert.Equal("recruiter@globex.example", row["email_from"]!.GetValue<string>());
        Assert.Equal("candidate@mailbox.example", row["email_to"]!.GetValue<string>());
        Assert.Equal(["manager@globex.example", "hm@globex.example"], row["email_cc"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("privately_visible", row["visibility"]!.GetValue<string>());
        var feed = await org.V1.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed");
        var v1Email = feed["emails"]!.AsArray().Single(e => e!.Id() == row.Id())!;
        Assert.Equal("Interview confirmed", v1Email["subject"]!.GetValue<string>());
        Assert.Equal("manager@globex.example, hm@globex.example", v1Email["cc"]!.GetValue<string>());
        Assert.Equal(NoteVisibility.Private, org.Org.Emails(ids.CandidateId).Single(e => e.Id == row.Id()).Visibility);
    }

    [Theory]
    [InlineData("""{"note_type":"EMAIL","visibility":"public","body":"x"}""", new[] { "subject", "email_from", "email_to" })]
    [InlineData("""{"note_type":"ACTIVITY","visibility":"public","body":"x"}""", new[] { "note_type" })]
    [InlineData("""{"note_type":"NOTE","visibility":"everyone","body":"x"}""", new[] { "visibility" })]
    [InlineData("""{"note_type":"NOTE","visibility":"public"}""", new[] { "body" })]
    public async Task Given_an_invalid_note_When_posting_Then_422_naming_the_fields(string partial, string[] fields)
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        var body = JsonNode.Parse(partial)!.AsObject();
        body["candidate_id"] = ids.CandidateId;
        body["user_id"] = ids.OrganizerId;

        using var response = await org.PostAsync("v3/notes", body.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(fields, await Json.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Given_an_availability_submission_When_reading_v3_notes_Then_it_is_an_ACTIVITY_with_the_v1_subject_and_body_format()
    {
        var org = await V3Org.CreateAsync();
        var ids = SampleIds.From(org.Org);
        AvailabilityWindow[] windows =
        [
            new(new DateOnly(2030, 3, 4), TimeSpan.FromHours(9), TimeSpan.FromHours(12.5)),
            new(new DateOnly(2030, 3, 5), TimeSpan.FromHours(14), TimeSpan.FromHours(24)),
        ];
        var activityId = org.Org.AddAvailabilitySubmission(ids.CandidateId, "Europe/Berlin", windows);

        var rows = await org.ListAsync($"v3/notes?candidate_ids={ids.CandidateId}&type=ACTIVITY");

        var row = rows.Single(r => r!.Id() == activityId)!;
        Assert.Equal(AvailabilityFormat.Subject, row["subject"]!.GetValue<string>());
        var parsed = AvailabilityFormat.Parse(row["body"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", parsed.TimeZone);
        Assert.Equal(windows, parsed.Windows);
        var v1 = (await org.V1.GetJsonAsync($"v1/candidates/{ids.CandidateId}/activity_feed"))["activities"]!.AsArray().Single(a => a!.Id() == activityId)!;
        Assert.Equal(v1["body"]!.GetValue<string>(), row["body"]!.GetValue<string>());

        using var created = await org.PostAsync("v3/interviews", V3Org.CreateInterviewBody(ids));
        Assert.Equal(At(row, "created_at"), At((await Json.ReadAsync(created))!, "availability_received_at"));
    }
}
