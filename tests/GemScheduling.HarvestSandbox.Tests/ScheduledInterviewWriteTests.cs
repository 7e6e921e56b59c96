using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class ScheduledInterviewWriteTests
{
    [Fact]
    public async Task Given_a_valid_body_When_creating_an_interview_Then_201_with_the_full_object_and_the_organizer_is_on_behalf_of()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var applicationBefore = org.Org.GetApplication(ids.ApplicationId);

        using var response = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids, "evt-create-1"), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await Json.ReadAsync(response))!;
        Assert.True(body.Id() > int.MaxValue);
        Assert.Equal(ids.ApplicationId, body["application_id"]!.GetValue<long>());
        Assert.Equal("evt-create-1", body["external_event_id"]!.GetValue<string>());
        Assert.Equal("2030-01-07T15:00:00.000Z", body["start"]!["date_time"]!.GetValue<string>());
        Assert.Equal("scheduled", body["status"]!.GetValue<string>());
        Assert.Equal(ids.StepId, body["interview"]!.Id());
        Assert.Equal(ids.OrganizerId, body["organizer"]!.Id());
        var panel = body["interviewers"]!.AsArray();
        Assert.Equal(ids.InterviewerId, panel[0]!.Id());
        Assert.Equal("accepted", panel[0]!["response_status"]!.GetValue<string>());
        Assert.Null(panel[1]!["id"]);
        Assert.Equal("outside.panelist@elsewhere.example", panel[1]!["email"]!.GetValue<string>());

        var stored = org.Org.FindScheduledInterview(body.Id())!;
        Assert.True(stored.CreatedViaHarvest);
        Assert.True(org.Org.GetApplication(ids.ApplicationId).LastActivityAt > applicationBefore.LastActivityAt);
        var actionable = (await org.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?actionable=true")).AsArray();
        Assert.Contains(body.Id(), actionable.Ids());
    }

    [Fact]
    public async Task Given_the_same_external_event_id_twice_When_creating_Then_both_are_created_because_uniqueness_is_not_enforced()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        using var first = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids, "dup"), ids.OrganizerId);
        using var second = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids, "dup"), ids.OrganizerId);
        var found = (await org.GetJsonAsync($"v1/applications/{ids.ApplicationId}/scheduled_interviews?external_event_id=dup")).AsArray();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task Given_interviewers_by_employee_id_and_by_a_users_email_When_creating_Then_they_resolve_to_users()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var user = org.Org.ListUsers().First(u => !u.Disabled && u.EmployeeId is not null);
        var other = org.Org.ListUsers().Last(u => !u.Disabled && u.Id != user.Id);
        var json = $$"""
            {"application_id":{{ids.ApplicationId}},"interview_id":{{ids.StepId}},"external_event_id":"e",
             "start":"2030-01-07T15:00:00Z","end":"2030-01-07T16:00:00Z",
             "interviewers":[{"employee_id":"{{user.EmployeeId}}","response_status":"tentative"},{"email":"{{other.PrimaryEmailAddress.ToUpperInvariant()}}","response_status":"declined"}]}
            """;

        using var response = await org.PostAsync("v2/scheduled_interviews", json, ids.OrganizerId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var panel = (await Json.ReadAsync(response))!["interviewers"]!.AsArray();
        Assert.Equal([user.Id, other.Id], panel.Ids());
    }

    public static TheoryData<string, string[]> InvalidCreates() => new()
    {
        { "{}", ["application_id", "interview_id", "start", "end", "external_event_id", "interviewers"] },
        { """{"application_id":"abc","interview_id":1.5,"start":"2030-01-07","end":"soon","external_event_id":"","interviewers":"x"}""",
            ["application_id", "interview_id", "start", "end", "external_event_id", "interviewers"] },
        { "APP|STEP|\"interviewers\":[]", ["interviewers"] },
        { "APP|STEP|\"interviewers\":[{\"user_id\":1,\"email\":\"a@b.example\",\"response_status\":\"accepted\"}]", ["interviewers[0]"] },
        { "APP|STEP|\"interviewers\":[{\"response_status\":\"accepted\"}]", ["interviewers[0]"] },
        { "APP|STEP|\"interviewers\":[{\"user_id\":999,\"response_status\":\"accepted\"}]", ["interviewers[0].user_id"] },
        { "APP|STEP|\"interviewers\":[{\"employee_id\":\"nobody\",\"response_status\":\"accepted\"}]", ["interviewers[0].employee_id"] },
        { "APP|STEP|\"interviewers\":[{\"email\":\"a@b.example\",\"response_status\":\"maybe\"}]", ["interviewers[0].response_status"] },
        { "APP|STEP|\"interviewers\":[{\"email\":\"a@b.example\"}]", ["interviewers[0].response_status"] },
        { "APP|STEP|PANEL|\"location\":42,\"video_conferencing_url\":false", ["location", "video_conferencing_url"] },
        { "APP|STEP|PANEL|\"start\":\"2030-01-07T16:00:00Z\",\"end\":\"2030-01-07T15:00:00Z\"", ["end"] },
        { "\"application_id\":1|STEP|PANEL", ["application_id"] },
        { "APP|\"interview_id\":1|PANEL", ["interview_id"] },
        { "APP|OTHER_JOB_STEP|PANEL", ["interview_id"] },
        { "REJECTED_APP|STEP|PANEL", ["application_id"] },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Given_an_invalid_create_body_When_posting_Then_422_lists_every_invalid_field_and_nothing_is_stored(string template, string[] fields)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var json = BuildBody(org, ids, template);
        var before = org.Org.Fingerprint();

        using var response = await org.PostAsync("v2/scheduled_interviews", json, ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Validation error", await Json.MessageAsync(response));
        Assert.Equal(fields.Order(), (await Json.ErrorFieldsAsync(response)).Order());
        Assert.Equal(before, org.Org.Fingerprint());
    }

    private static string BuildBody(TestOrg org, SampleIds ids, string template)
    {
        if (template.StartsWith('{'))
        {
            return template;
        }

        var otherJobStep = org.Org.GetJobStages(org.Org.ListJobs().First(j => j.Id != ids.JobId).Id)
            .SelectMany(s => s.Interviews).First().Id;
        var rejected = org.Org.ListApplications(ApplicationStatus.Rejected)[0].Id;
        var parts = new List<string>();
        var hasTimes = template.Contains("\"start\"", StringComparison.Ordinal);
        foreach (var part in template.Split('|'))
        {
            parts.Add(part switch
            {
                "APP" => $"\"application_id\":{ids.ApplicationId}",
                "REJECTED_APP" => $"\"application_id\":{rejected}",
                "STEP" => $"\"interview_id\":{ids.StepId}",
                "OTHER_JOB_STEP" => $"\"interview_id\":{otherJobStep}",
                "PANEL" => $"\"interviewers\":[{{\"user_id\":{ids.InterviewerId},\"response_status\":\"accepted\"}}]",
                _ => part,
            });
        }

        if (!hasTimes)
        {
            parts.Add("\"start\":\"2030-01-07T15:00:00Z\",\"end\":\"2030-01-07T16:00:00Z\"");
        }

        parts.Add("\"external_event_id\":\"evt-invalid\"");
        return "{" + string.Join(",", parts) + "}";
    }

    [Fact]
    public async Task Given_a_harvest_interview_When_patching_Then_fields_change_and_the_on_behalf_of_user_becomes_organizer()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var newOrganizer = org.Org.ListUsers().First(u => !u.Disabled && u.Id != ids.OrganizerId).Id;
        org.Org.SetUserCanManageApplications(newOrganizer, true);
        var json = $$"""
            {"start":"2030-03-01T10:00:00Z","end":"2030-03-01T11:30:00Z","location":null,"video_conferencing_url":"https://meet.example/new",
             "external_event_id":"moved-1","interviewers":[{"email":"guest@elsewhere.example","response_status":"tentative"}]}
            """;

        using var response = await org.PatchAsync($"v2/scheduled_interviews/{ids.ActionableInterviewId}", json, newOrganizer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await Json.ReadAsync(response))!;
        Assert.Equal("2030-03-01T11:30:00.000Z", body["end"]!["date_time"]!.GetValue<string>());
        Assert.Null(body["location"]);
        Assert.Equal("https://meet.example/new", body["video_conferencing_url"]!.GetValue<string>());
        Assert.Equal("moved-1", body["external_event_id"]!.GetValue<string>());
        Assert.Equal(newOrganizer, body["organizer"]!.Id());
        Assert.Single(body["interviewers"]!.AsArray());
        Assert.Equal("scheduled", body["status"]!.GetValue<string>());
    }

    public static TheoryData<string, string[]> InvalidPatches() => new()
    {
        { """{"start":"not a time"}""", ["start"] },
        { """{"end":"2000-01-01T00:00:00Z"}""", ["end"] },
        { """{"start":"2030-01-01T10:00:00Z","end":"2030-01-01T09:00:00Z"}""", ["end"] },
        { """{"external_event_id":"  "}""", ["external_event_id"] },
        { """{"interviewers":[]}""", ["interviewers"] },
        { """{"interviewers":[{"user_id":1,"response_status":"accepted"}],"location":7}""", ["interviewers[0].user_id", "location"] },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task Given_an_invalid_patch_When_patching_Then_422_lists_every_invalid_field_and_nothing_changes(string json, string[] fields)
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var response = await org.PatchAsync($"v2/scheduled_interviews/{ids.ActionableInterviewId}", json, ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(fields.Order(), (await Json.ErrorFieldsAsync(response)).Order());
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_an_interview_created_in_the_ui_When_patching_or_deleting_Then_422_and_nothing_changes()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var uiId = org.Org.CreateInterviewInUi(new NewUiInterview
        {
            ApplicationId = ids.ApplicationId,
            InterviewStepId = ids.StepId,
            Start = InterviewTime.At(DateTimeOffset.Parse("2030-02-01T15:00:00Z", CultureInfo.InvariantCulture)),
            End = InterviewTime.At(DateTimeOffset.Parse("2030-02-01T16:00:00Z", CultureInfo.InvariantCulture)),
            Interviewers = [new InterviewerSpec(ids.InterviewerId, null)],
        });
        var before = org.Org.Fingerprint();

        using var patch = await org.PatchAsync($"v2/scheduled_interviews/{uiId}", """{"location":"x"}""", ids.OrganizerId);
        using var delete = await org.DeleteAsync($"v1/scheduled_interviews/{uiId}", ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.StatusCode);
        Assert.Contains("not created through Harvest", await Json.MessageAsync(patch));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_a_completed_harvest_interview_When_patching_or_deleting_Then_422()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.UpdateInterviewInUi(ids.ActionableInterviewId, new InterviewUiChanges { Status = InterviewStatus.Complete });

        using var patch = await org.PatchAsync($"v2/scheduled_interviews/{ids.ActionableInterviewId}", """{"location":"x"}""", ids.OrganizerId);
        using var delete = await org.DeleteAsync($"v1/scheduled_interviews/{ids.ActionableInterviewId}", ids.OrganizerId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.StatusCode);
        Assert.Contains("complete", await Json.MessageAsync(patch));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
    }

    [Fact]
    public async Task Given_a_harvest_interview_When_deleting_Then_the_documented_message_and_it_is_gone_and_logged()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var id = ids.ActionableInterviewId;

        using var response = await org.DeleteAsync($"v1/scheduled_interviews/{id}", ids.OrganizerId);
        using var again = await org.DeleteAsync($"v1/scheduled_interviews/{id}", ids.OrganizerId);
        using var read = await org.GetAsync($"v1/scheduled_interviews/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$"""{"message":"Interview {{id}} has been deleted."}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var deleted = Assert.Single(org.Org.DeletedInterviews());
        Assert.Equal(id, deleted.Interview.Id);
        Assert.True(deleted.ViaHarvest);
        Assert.Equal(ids.OrganizerId, deleted.DeletedByUserId);
    }

    [Fact]
    public async Task Given_an_interview_deleted_in_the_ui_When_patching_Then_404()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.DeleteInterviewInUi(ids.ActionableInterviewId);

        using var patch = await org.PatchAsync($"v2/scheduled_interviews/{ids.ActionableInterviewId}", "{}", ids.OrganizerId);

        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.False(Assert.Single(org.Org.DeletedInterviews()).ViaHarvest);
    }

    [Fact]
    public async Task Given_an_interview_moved_in_the_ui_When_reading_it_Then_harvest_shows_the_new_time()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var start = DateTimeOffset.Parse("2031-05-05T09:00:00Z", CultureInfo.InvariantCulture);

        org.Org.UpdateInterviewInUi(ids.ActionableInterviewId, new InterviewUiChanges
        {
            Start = InterviewTime.At(start),
            End = InterviewTime.At(start.AddHours(1)),
        });
        var body = await org.GetJsonAsync($"v1/scheduled_interviews/{ids.ActionableInterviewId}");

        Assert.Equal("2031-05-05T09:00:00.000Z", body["start"]!["date_time"]!.GetValue<string>());
    }

    [Fact]
    public async Task Given_all_day_interviews_When_listing_Then_start_and_end_use_date_not_date_time()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var id = org.Org.CreateInterviewInUi(new NewUiInterview
        {
            ApplicationId = ids.ApplicationId,
            InterviewStepId = ids.StepId,
            Start = InterviewTime.AllDay(new DateOnly(2030, 8, 22)),
            End = InterviewTime.AllDay(new DateOnly(2030, 8, 22)),
        });

        var body = (JsonObject)(await org.GetJsonAsync($"v1/scheduled_interviews/{id}"));

        Assert.Equal("""{"date":"2030-08-22"}""", body["start"]!.ToJsonString());
        Assert.Equal("""{"date":"2030-08-22"}""", body["end"]!.ToJsonString());
    }
}
