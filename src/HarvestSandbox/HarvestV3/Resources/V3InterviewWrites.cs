using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>POST, PATCH and DELETE /v3/interviews: the v2 write rules (<see cref="InterviewWrites"/>) with v3 names.</summary>
internal static class V3InterviewWrites
{
    public static void MapV3InterviewWrites(this V3Routes routes)
    {
        routes.MapV3(HarvestV3Scopes.InterviewsCreate, "/interviews", Create);
        routes.MapV3(HarvestV3Scopes.InterviewsUpdate, "/interviews/{id:long}", Update);
        routes.MapV3(HarvestV3Scopes.InterviewsDestroy, "/interviews/{id:long}", Delete);
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
            dto = V3Interviews.ToDto(data, interview);
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
            dto = V3Interviews.ToDto(data, interview);
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
