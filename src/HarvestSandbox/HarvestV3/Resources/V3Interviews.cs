using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// GET /v3/interviews item, also the POST/PATCH response (docs/HARVEST-CONTRACT.md §11). There is no panel: read it from
/// <c>/v3/interviewers?interview_ids=</c>. All-day interviews have <c>all_day_start_on</c>/<c>all_day_end_on</c> and
/// null <c>starts_at</c>/<c>ends_at</c>.
/// </summary>
public sealed record V3InterviewDto(
    long Id,
    long? JobId,
    long ApplicationId,
    long JobInterviewId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateOnly? AllDayStartOn,
    DateOnly? AllDayEndOn,
    string? Location,
    string Status,
    long? OrganizerId,
    DateTimeOffset? ScheduledAt,
    DateTimeOffset? AvailabilityReceivedAt,
    string? VideoConferencingUrl,
    string? ExternalEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// GET /v3/interviewers item: one panel member of one interview (a user, or an email that matches no user). Its
/// timestamps are the interview's (the sandbox keeps none per member).
/// </summary>
public sealed record V3InterviewerDto(
    long Id, long InterviewId, long? UserId, string? Email, string ResponseStatus, long? ScorecardId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

internal sealed record InterviewerRow(long Id, ScheduledInterview Interview, Interviewer Member) : IEntity;

internal static class V3Interviews
{
    /// <summary>The v3 interview status enum (docs/HARVEST-CONTRACT.md §9); the sandbox stores only the first three v1 ones.</summary>
    private static readonly string[] StatusValues =
        ["to_be_scheduled", "scheduled", "awaiting_feedback", "complete", "skipped", "collect_feedback", "to_be_sent", "sent", "received"];

    private static readonly string[] ResponseStatuses = ["needs_action", "declined", "tentative", "accepted"];

    public static void MapV3Interviews(this V3Routes routes)
    {
        routes.MapV3List(HarvestV3Scopes.InterviewsList, List,
            "job_ids", "application_ids", "job_interview_ids", "organizer_ids", "starts_at", "ends_at", "all_day_start_on", "all_day_end_on",
            "external_event_id", "status");
        routes.MapV3InterviewWrites();
        routes.MapV3List(HarvestV3Scopes.InterviewersList, ListInterviewers, "interview_ids", "user_ids", "scorecard_ids", "response_status");
    }

    public static V3InterviewDto ToDto(OrgData data, ScheduledInterview s)
    {
        var application = data.Applications.Find(s.ApplicationId);
        return new V3InterviewDto(
            s.Id, application?.JobId, s.ApplicationId, s.InterviewStepId, s.Start.DateTime, s.End.DateTime, s.Start.Date, s.End.Date,
            s.Location, s.Status.Wire(), s.OrganizerId, s.CreatedAt, AvailabilityReceivedAt(data, application, s),
            s.VideoConferencingUrl, s.ExternalEventId, s.CreatedAt, s.UpdatedAt);
    }

    /// <summary>
    /// The candidate's latest availability submission (the "Candidate Availability Submitted" activity) made before
    /// the interview was created, or null (the sandbox's reading of <c>availability_received_at</c>).
    /// </summary>
    private static DateTimeOffset? AvailabilityReceivedAt(OrgData data, Application? application, ScheduledInterview s)
    {
        if (application is null || data.Candidates.Find(application.CandidateId) is not { } candidate)
        {
            return null;
        }

        DateTimeOffset? latest = null;
        foreach (var activity in candidate.Activities)
        {
            if (activity.Subject == AvailabilityFormat.Subject && activity.CreatedAt <= s.CreatedAt && (latest is null || activity.CreatedAt > latest))
            {
                latest = activity.CreatedAt;
            }
        }

        return latest;
    }

    /// <summary>
    /// GET /v3/interviews: <c>ids</c>, <c>application_ids</c>, <c>job_ids</c>, <c>job_interview_ids</c>, <c>organizer_ids</c>,
    /// <c>external_event_id</c>, <c>status</c>, <c>starts_at</c>/<c>ends_at</c> (leave out all-day interviews),
    /// <c>all_day_start_on</c>/<c>all_day_end_on</c> (only all-day ones), <c>created_at</c>/<c>updated_at</c> (not both).
    /// </summary>
    private static IResult List(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var applicationIds = q.Ids("application_ids");
        var jobIds = q.Ids("job_ids");
        var stepIds = q.Ids("job_interview_ids");
        var organizerIds = q.Ids("organizer_ids");
        var externalEventId = q.Get("external_event_id");
        var status = q.OneOf("status", StatusValues);
        var starts = q.Date("starts_at");
        var ends = q.Date("ends_at");
        var allDayStart = q.Date("all_day_start_on");
        var allDayEnd = q.Date("all_day_end_on");
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        return call.Page(
            (d, before) =>
                ids is not null ? Descending.Sorted(ids.Select(d.ScheduledInterviews.Find).OfType<ScheduledInterview>(), before)
                : applicationIds is not null ? Descending.Sorted(applicationIds.Select(d.Applications.Find).OfType<Application>().SelectMany(a => a.Interviews), before)
                : Descending.From(d.ScheduledInterviews.Items, before),
            s =>
            {
                var jobId = data.Applications.Find(s.ApplicationId)?.JobId;
                return visible(jobId) && (applicationIds is null || applicationIds.Contains(s.ApplicationId)) &&
                       (jobIds is null || (jobId is { } j && jobIds.Contains(j))) &&
                       (stepIds is null || stepIds.Contains(s.InterviewStepId)) &&
                       (organizerIds is null || (s.OrganizerId is { } o && organizerIds.Contains(o))) &&
                       (externalEventId is null || string.Equals(s.ExternalEventId, externalEventId, StringComparison.Ordinal)) &&
                       (status is null || s.Status.Wire() == status) &&
                       starts.Contains(s.Start.DateTime) && ends.Contains(s.End.DateTime) &&
                       allDayStart.Contains(s.Start.Date) && allDayEnd.Contains(s.End.Date) &&
                       created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt);
            },
            ToDto,
            HarvestV3Json.ListV3InterviewDto);
    }

    /// <summary>
    /// GET /v3/interviewers: <c>ids</c>, <c>interview_ids</c>, <c>user_ids</c>, <c>scorecard_ids</c>, <c>response_status</c>
    /// (one or more of needs_action, declined, tentative, accepted), <c>created_at</c>/<c>updated_at</c> (the interview's).
    /// </summary>
    private static IResult ListInterviewers(V3Call call)
    {
        var q = call.Query;
        var interviewIds = q.Ids("interview_ids");
        var ids = q.Ids("ids");
        var userIds = q.Ids("user_ids");
        var scorecardIds = q.Ids("scorecard_ids");
        var responses = q.AnyOf("response_status", ResponseStatuses);
        var (created, updated) = q.Timestamps();
        var visible = call.VisibleJobs();
        var data = call.Data;
        return call.Page(
            (d, before) => Descending.Sorted(
                (interviewIds is null ? d.ScheduledInterviews.Items : interviewIds.Select(d.ScheduledInterviews.Find).OfType<ScheduledInterview>())
                .SelectMany(s => s.Interviewers.Select(m => new InterviewerRow(m.Id, s, m))),
                before),
            row => visible(data.Applications.Find(row.Interview.ApplicationId)?.JobId) &&
                   (ids is null || ids.Contains(row.Id)) && (userIds is null || (row.Member.UserId is { } u && userIds.Contains(u))) &&
                   (scorecardIds is null || (row.Member.ScorecardId is { } sc && scorecardIds.Contains(sc))) &&
                   (responses is null || responses.Contains(row.Member.ResponseStatus.Wire())) &&
                   created.Contains(row.Interview.CreatedAt) && updated.Contains(row.Interview.UpdatedAt),
            (d, row) =>
            {
                var user = row.Member.UserId is { } id ? d.Users.Find(id) : null;
                return new V3InterviewerDto(row.Id, row.Interview.Id, row.Member.UserId, row.Member.Email ?? user?.PrimaryEmail,
                    row.Member.ResponseStatus.Wire(), row.Member.ScorecardId, row.Interview.CreatedAt, row.Interview.UpdatedAt);
            },
            HarvestV3Json.ListV3InterviewerDto);
    }
}
