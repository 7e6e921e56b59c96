using System.Text.Json.Nodes;
using GemScheduling.HarvestSandbox.Tests.Support;

namespace GemScheduling.HarvestSandbox.Tests;

/// <summary>Every documented property is present (null when empty), per docs/HARVEST-CONTRACT.md §7's examples.</summary>
public sealed class ShapeTests
{
    private static void HasKeys(JsonNode? node, params string[] keys)
    {
        var obj = Assert.IsType<JsonObject>(node);
        var missing = keys.Where(k => !obj.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"missing: {string.Join(", ", missing)} in {obj.ToJsonString()[..Math.Min(200, obj.ToJsonString().Length)]}");
    }

    public static readonly string[] ApplicationKeys =
    [
        "id", "candidate_id", "prospect", "applied_at", "rejected_at", "last_activity_at", "location", "source", "credited_to",
        "recruiter", "coordinator", "rejection_reason", "rejection_details", "jobs", "job_post_id", "status", "current_stage",
        "answers", "prospective_office", "prospective_department", "prospect_detail", "custom_fields", "keyed_custom_fields", "attachments",
    ];

    [Fact]
    public async Task Given_each_list_endpoint_When_reading_the_first_item_Then_all_documented_properties_are_present()
    {
        var org = await SharedSandbox.CreateOrgAsync();
        var ids = SampleIds.From(org.Org);

        HasKeys((await org.GetJsonAsync("v1/applications"))[0], ApplicationKeys);
        var candidate = (await org.GetJsonAsync("v1/candidates"))[0];
        HasKeys(candidate,
            "id", "first_name", "last_name", "company", "title", "created_at", "updated_at", "last_activity", "is_private", "photo_url",
            "attachments", "application_ids", "phone_numbers", "addresses", "email_addresses", "website_addresses",
            "social_media_addresses", "recruiter", "coordinator", "can_email", "tags", "applications", "educations", "employments",
            "linked_user_ids", "custom_fields", "keyed_custom_fields");
        HasKeys(candidate!["applications"]![0], ApplicationKeys);
        HasKeys((await org.GetJsonAsync("v1/users"))[0],
            "id", "name", "first_name", "last_name", "primary_email_address", "updated_at", "created_at", "disabled", "site_admin",
            "emails", "employee_id", "linked_candidate_ids", "offices", "departments");
        var job = (await org.GetJsonAsync("v1/jobs"))[0];
        HasKeys(job,
            "id", "name", "requisition_id", "notes", "confidential", "status", "created_at", "opened_at", "closed_at", "updated_at",
            "is_template", "copied_from_id", "departments", "offices", "custom_fields", "keyed_custom_fields", "hiring_team", "openings");
        HasKeys(job!["hiring_team"], "hiring_managers", "recruiters", "coordinators", "sourcers");
        HasKeys(job["hiring_team"]!["coordinators"]![0], "id", "name", "responsible");
        HasKeys(job["offices"]![0], "id", "name", "location", "primary_contact_user_id", "parent_id", "child_ids", "external_id");
        HasKeys(job["departments"]![0], "id", "name", "parent_id", "child_ids", "external_id");
        HasKeys(job["openings"]![0], "id", "opening_id", "status", "opened_at", "closed_at", "application_id", "close_reason");
        HasKeys((await org.GetJsonAsync("v1/job_posts"))[0],
            "id", "title", "location", "internal", "external", "active", "live", "first_published_at", "job_id", "content",
            "internal_content", "updated_at", "created_at", "demographic_question_set_id", "questions");
        var stage = (await org.GetJsonAsync("v1/job_stages"))[0];
        HasKeys(stage, "id", "name", "created_at", "updated_at", "active", "job_id", "priority", "interviews");
        HasKeys(stage!["interviews"]![0], "id", "name", "schedulable", "estimated_minutes", "default_interviewer_users", "interview_kit");
        HasKeys((await org.GetJsonAsync("v1/offices"))[0],
            "id", "name", "location", "primary_contact_user_id", "parent_id", "parent_office_external_id", "child_ids",
            "child_office_external_ids", "external_id");
        var interview = await org.GetJsonAsync($"v1/scheduled_interviews/{ids.ActionableInterviewId}");
        HasKeys(interview,
            "id", "application_id", "external_event_id", "start", "end", "location", "video_conferencing_url", "status",
            "created_at", "updated_at", "interview", "organizer", "interviewers");
        HasKeys(interview["interviewers"]![0], "id", "employee_id", "name", "email", "response_status", "scorecard_id");
    }

    [Fact]
    public async Task Given_timestamps_When_serialized_Then_utc_with_milliseconds_and_z_and_html_is_not_escaped()
    {
        var org = await SharedSandbox.CreateOrgAsync();

        var job = (await org.GetJsonAsync("v1/jobs"))[0]!;
        var raw = await (await org.GetAsync("v1/jobs")).Content.ReadAsStringAsync();

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", job["created_at"]!.GetValue<string>());
        Assert.Contains("\"notes\":\"<p>", raw);
    }
}
