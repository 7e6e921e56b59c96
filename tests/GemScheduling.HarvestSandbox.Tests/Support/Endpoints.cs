using System.Globalization;

namespace GemScheduling.HarvestSandbox.Tests.Support;

/// <summary>Ids in a demo org that make every endpoint's request valid.</summary>
public sealed record SampleIds(long ApplicationId, long CandidateId, long JobId, long StepId, long OrganizerId, long InterviewerId, long ActionableInterviewId)
{
    public static SampleIds From(SandboxOrganization org)
    {
        var target = org.FindSchedulingTarget() ?? throw new InvalidOperationException("no scheduling target");
        var actionable = org.ScheduledInterviews(createdViaHarvest: true)
            .First(i => i.Status != InterviewStatus.Complete && org.GetApplication(i.ApplicationId).Status == "active");
        return new SampleIds(target.ApplicationId, target.CandidateId, target.JobId, target.InterviewStepId, target.OrganizerUserId,
            target.InterviewerUserIds[0], actionable.Id);
    }
}

/// <summary>A valid request for each permission's endpoint.</summary>
public static class Endpoints
{
    public static HttpRequestMessage ValidRequest(TestOrg org, HarvestPermission permission, SampleIds ids, string? key = null)
    {
        string I(long id) => id.ToString(CultureInfo.InvariantCulture);
        var p = permission.PathTemplate
            .Replace("{id}", permission.Id switch
            {
                "candidates.add_note" or "candidates.add_email" or "activity_feed.retrieve" => I(ids.CandidateId),
                "scheduled_interviews.list_for_application" => I(ids.ApplicationId),
                "scheduled_interviews.delete" or "scheduled_interviews.update" or "scheduled_interviews.retrieve" => I(ids.ActionableInterviewId),
                _ => I(ids.JobId),
            }, StringComparison.Ordinal);

        var body = permission.Id switch
        {
            "candidates.add_note" => $$"""{"user_id":{{ids.OrganizerId}},"body":"Scheduled.","visibility":"public"}""",
            "candidates.add_email" => $$"""{"user_id":{{ids.OrganizerId}},"to":"c@example.com","from":"r@example.com","subject":"Hi","body":"Hello"}""",
            "scheduled_interviews.create" => CreateBody(ids),
            "scheduled_interviews.update" => """{"location":"Room 2"}""",
            _ => null,
        };

        return org.Request(new HttpMethod(permission.Method), p, body, permission.IsWrite ? ids.OrganizerId : null, key);
    }

    public static string CreateBody(SampleIds ids, string externalEventId = "evt-test", string start = "2030-01-07T15:00:00Z", string end = "2030-01-07T16:00:00Z") =>
        $$"""
        {"application_id":{{ids.ApplicationId}},"interview_id":{{ids.StepId}},
         "interviewers":[{"user_id":{{ids.InterviewerId}},"response_status":"accepted"},{"email":"outside.panelist@elsewhere.example","response_status":"needs_action"}],
         "start":"{{start}}","end":"{{end}}","external_event_id":"{{externalEventId}}","location":"Big Conference Room","video_conferencing_url":"https://meet.example/abc"}
        """;
}
