using System.Net;
using System.Text;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

public sealed class OnBehalfOfTests
{
    private static string NoteBody(long userId) => $$"""{"user_id":{{userId}},"body":"hello","visibility":"public"}""";

    [Fact]
    public async Task Given_no_on_behalf_of_header_When_adding_a_note_Then_400_and_nothing_stored()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var before = org.Org.Fingerprint();

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", NoteBody(ids.OrganizerId), onBehalfOf: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("On-Behalf-Of", await Json.MessageAsync(response));
        Assert.Equal(before, org.Org.Fingerprint());
    }

    [Fact]
    public async Task Given_a_non_numeric_on_behalf_of_When_creating_an_interview_Then_400()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        using var request = org.Request(HttpMethod.Post, "v2/scheduled_interviews", Endpoints.CreateBody(ids));
        request.Headers.Add("On-Behalf-Of", "jane@example.com");

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Given_an_on_behalf_of_user_that_does_not_exist_When_adding_a_note_Then_404_resource_not_found()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", NoteBody(ids.OrganizerId), onBehalfOf: 12345);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Resource not found", await Json.MessageAsync(response));
    }

    [Fact]
    public async Task Given_a_disabled_on_behalf_of_user_When_deleting_an_interview_Then_404_and_the_interview_stays()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        var disabled = org.Org.ListUsers().First(u => u.Disabled).Id;

        using var response = await org.DeleteAsync($"v1/scheduled_interviews/{ids.ActionableInterviewId}", disabled);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(org.Org.FindScheduledInterview(ids.ActionableInterviewId));
    }

    [Fact]
    public async Task Given_a_user_who_cannot_manage_applications_When_scheduling_Then_403_but_notes_still_work()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        org.Org.SetUserCanManageApplications(ids.OrganizerId, false);

        using var schedule = await org.PostAsync("v2/scheduled_interviews", Endpoints.CreateBody(ids), ids.OrganizerId);
        using var note = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", NoteBody(ids.OrganizerId), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.Forbidden, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
    }

    [Fact]
    public async Task Given_a_form_encoded_body_When_creating_an_interview_Then_400_bad_request()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);
        using var request = org.Request(HttpMethod.Post, "v2/scheduled_interviews", onBehalfOf: ids.OrganizerId);
        request.Content = new StringContent($"application_id={ids.ApplicationId}", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await org.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"Bad Request"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_malformed_json_When_adding_a_note_Then_400_bad_request()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        using var response = await org.PostAsync($"v1/candidates/{ids.CandidateId}/activity_feed/notes", "{\"user_id\":", ids.OrganizerId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Given_an_unknown_candidate_with_a_valid_on_behalf_of_When_adding_a_note_Then_404()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        using var response = await org.PostAsync("v1/candidates/1/activity_feed/notes", NoteBody(ids.OrganizerId), ids.OrganizerId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
