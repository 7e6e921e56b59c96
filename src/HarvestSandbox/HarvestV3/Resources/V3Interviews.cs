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

/// <summary>GET /v3/interviewers item: one panel member of one interview (a user, or an email that matches no user).</summary>
public sealed record V3InterviewerDto(long Id, long InterviewId, long? UserId, string? Email, string ResponseStatus, long? ScorecardId);

internal sealed record InterviewerRow(long Id, ScheduledInterview Interview, Interviewer Member) : IEntity;

internal static class V3Interviews
{
    /// <summary>The v3 interview status enum (docs/HARVEST-CONTRACT.md §9); the sandbox stores only the first three v1 ones.</summary>
    private static readonly string[] StatusValues =
        ["to_be_scheduled", "scheduled", "awaiting_feedback", "complete", "skipped", "collect_feedback", "to_be_sent", "sent", "received"];

    public static void MapV3Interviews(this V3Routes routes)
    {
        routes.MapV3(HarvestV3Scopes.InterviewsList, "/interviews", List);
        routes.MapV3(HarvestV3Scopes.InterviewsCreate, "/interviews", Create);
        routes.MapV3(HarvestV3Scopes.InterviewsUpdate, "/interviews/{id:long}", Update);
        routes.MapV3(HarvestV3Scopes.InterviewsDestroy, "/interviews/{id:long}", Delete);
        routes.MapV3(HarvestV3Scopes.InterviewersList, "/interviewers", ListInterviewers);
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
    /// GET /v3/interviews: <c>ids</c>, <c>application_ids</c>, <c>job_ids</c>, <c>external_event_id</c>, <c>status</c>,
    /// <c>starts_at</c>/<c>ends_at</c> (leave out all-day interviews), <c>created_at</c>/<c>updated_at</c> (not both).
    /// </summary>
    private static IResult List(V3Call call)
    {
        var q = call.Query;
        var ids = q.Ids("ids");
        var applicationIds = q.Ids("application_ids");
        var jobIds = q.Ids("job_ids");
        var externalEventId = q.Get("external_event_id");
        var status = q.OneOf("status", StatusValues);
        var starts = q.Date("starts_at");
        var ends = q.Date("ends_at");
        q.NotTogether("created_at", "updated_at");
        var created = q.Date("created_at");
        var updated = q.Date("updated_at");
        var data = call.Data;
        return call.Page(
            (d, before) =>
                ids is not null ? Descending.Sorted(ids.Select(d.ScheduledInterviews.Find).OfType<ScheduledInterview>(), before)
                : applicationIds is not null ? Descending.Sorted(applicationIds.Select(d.Applications.Find).OfType<Application>().SelectMany(a => a.Interviews), before)
                : Descending.From(d.ScheduledInterviews.Items, before),
            s => (applicationIds is null || applicationIds.Contains(s.ApplicationId)) &&
                 (jobIds is null || (data.Applications.Find(s.ApplicationId)?.JobId is { } j && jobIds.Contains(j))) &&
                 (externalEventId is null || string.Equals(s.ExternalEventId, externalEventId, StringComparison.Ordinal)) &&
                 (status is null || s.Status.Wire() == status) &&
                 starts.Contains(s.Start.DateTime) && ends.Contains(s.End.DateTime) &&
                 created.Contains(s.CreatedAt) && updated.Contains(s.UpdatedAt),
            ToDto,
            HarvestV3Json.ListV3InterviewDto);
    }

    /// <summary>GET /v3/interviewers: <c>interview_ids</c>, <c>ids</c>, <c>user_ids</c>.</summary>
    private static IResult ListInterviewers(V3Call call)
    {
        var q = call.Query;
        var interviewIds = q.Ids("interview_ids");
        var ids = q.Ids("ids");
        var userIds = q.Ids("user_ids");
        return call.Page(
            (data, before) => Descending.Sorted(
                (interviewIds is null ? data.ScheduledInterviews.Items : interviewIds.Select(data.ScheduledInterviews.Find).OfType<ScheduledInterview>())
                .SelectMany(s => s.Interviewers.Select(m => new InterviewerRow(m.Id, s, m))),
                before),
            row => (ids is null || ids.Contains(row.Id)) && (userIds is null || (row.Member.UserId is { } u && userIds.Contains(u))),
            (data, row) =>
            {
                var user = row.Member.UserId is { } id ? data.Users.Find(id) : null;
                return new V3InterviewerDto(row.Id, row.Interview.Id, row.Member.UserId, row.Member.Email ?? user?.PrimaryEmail,
                    row.Member.ResponseStatus.Wire(), row.Member.ScorecardId);
            },
            HarvestV3Json.ListV3InterviewerDto);
    }

    /// <summary>
    /// POST /v3/interviews: records an already-scheduled calendar event (docs/HARVEST-CONTRACT.md §11, S10). Body: application_id,
    /// job_interview_id, starts_at, ends_at, external_event_id (all required), interviewers (required, each one of
    /// user_id|email|employee_id plus response_status), location, video_conferencing_url. The organizer is the token's sub.
    /// </summary>
    private static IResult Create(V3Call call)
    {
        var data = call.Data;
        var r = new BodyReader(call.Body);
        var applicationId = r.Id("application_id", required: true);
        var jobInterviewId = r.Id("job_interview_id", required: true);
        var startsAt = r.Instant("starts_at", required: true);
        var endsAt = r.Instant("ends_at", required: true);
        var externalEventId = r.String("external_event_id", required: true);
        var location = r.OptionalString("location");
        var video = r.OptionalString("video_conferencing_url");
        var panelArray = r.Array("interviewers", required: true);

        V3InterviewDto dto;
        lock (data.Gate)
        {
            var application = InterviewWrites.SchedulableApplication(r, data, applicationId);
            InterviewWrites.CheckStep(r, data, jobInterviewId, application, "job_interview_id",
                id => $"Job interview {id} not found", (id, app) => $"Job interview {id} is not in the interview plan of application {app}'s job");
            if (startsAt is not null && endsAt is not null && endsAt <= startsAt)
            {
                r.Fail("ends_at", "ends_at must be after starts_at");
            }

            var panel = InterviewerPanel.Parse(r, panelArray, data);
            if (r.Errors.Count > 0)
            {
                return V3Results.Validation(r.Errors);
            }

            var interview = InterviewWrites.Create(data, application!, jobInterviewId!.Value, externalEventId!, startsAt!.Value, endsAt!.Value, location, video,
                call.Sub, panel!, call.Now);
            dto = ToDto(data, interview);
        }

        return TypedResults.Json(dto, HarvestV3Json.V3InterviewDto, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// PATCH /v3/interviews/{id}: any of starts_at, ends_at, external_event_id, location, video_conferencing_url
    /// (null clears the last two) and interviewers, which replaces the whole panel (docs/HARVEST-CONTRACT.md §11, S10). Only
    /// Harvest-created interviews still scheduled or awaiting feedback on an active application. The organizer stays.
    /// </summary>
    private static IResult Update(V3Call call)
    {
        var id = call.RouteId();
        var data = call.Data;
        var r = new BodyReader(call.Body);
        V3InterviewDto dto;
        lock (data.Gate)
        {
            if (data.ScheduledInterviews.Find(id) is not { } interview)
            {
                return V3Results.NotFound();
            }

            if (InterviewWrites.Refusal(data, interview, "updated") is { } refusal)
            {
                return V3Results.Unprocessable(refusal.Message, refusal.Field);
            }

            var startsAt = r.Has("starts_at") ? r.Instant("starts_at", required: true) : null;
            var endsAt = r.Has("ends_at") ? r.Instant("ends_at", required: true) : null;
            var externalEventId = r.Has("external_event_id") ? r.String("external_event_id", required: true) : null;
            var location = r.OptionalString("location");
            var video = r.OptionalString("video_conferencing_url");
            var panel = r.Has("interviewers") ? InterviewerPanel.Parse(r, r.Array("interviewers", required: true), data) : null;
            if (InterviewWrites.EndsBeforeStart(interview, startsAt, endsAt))
            {
                r.Fail("ends_at", "ends_at must be after starts_at");
            }

            if (r.Errors.Count > 0)
            {
                return V3Results.Validation(r.Errors);
            }

            InterviewWrites.Apply(data, interview, new InterviewChanges(startsAt, endsAt, externalEventId, location, video, panel), call.Now);
            dto = ToDto(data, interview);
        }

        return TypedResults.Json(dto, HarvestV3Json.V3InterviewDto);
    }

    /// <summary>DELETE /v3/interviews/{id}: same restrictions as PATCH; answers 204. Deletes nothing on any calendar.</summary>
    private static IResult Delete(V3Call call)
    {
        var id = call.RouteId();
        var data = call.Data;
        lock (data.Gate)
        {
            if (data.ScheduledInterviews.Find(id) is not { } interview)
            {
                return V3Results.NotFound();
            }

            if (InterviewWrites.Refusal(data, interview, "deleted") is { } refusal)
            {
                return V3Results.Unprocessable(refusal.Message, refusal.Field);
            }

            InterviewWrites.Delete(data, interview, call.Sub, call.Now);
        }

        return TypedResults.NoContent();
    }
}
