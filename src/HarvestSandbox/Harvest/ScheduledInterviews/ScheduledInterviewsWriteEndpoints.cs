using GemScheduling.HarvestSandbox.Harvest.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

internal static class ScheduledInterviewsWriteEndpoints
{
    public static void MapScheduledInterviewWrites(this HarvestRoutes routes)
    {
        var v2 = routes.V2.MapGroup("/scheduled_interviews");
        v2.MapHarvest(routes, HarvestPermissions.ScheduledInterviewsCreate, "", Create);
        v2.MapHarvest(routes, HarvestPermissions.ScheduledInterviewsUpdate, "/{id:long}", Update);
        routes.V1.MapGroup("/scheduled_interviews").MapHarvest(routes, HarvestPermissions.ScheduledInterviewsDelete, "/{id:long}", Delete);
    }

    /// <summary>
    /// POST /v2/scheduled_interviews (docs/HARVEST-CONTRACT.md §7.6). The On-Behalf-Of user becomes the organizer.
    /// external_event_id uniqueness is deliberately not enforced (Greenhouse does not document it).
    /// </summary>
    private static IResult Create(HarvestCall call)
    {
        var data = call.Data;
        var r = new BodyReader(call.Body);
        var applicationId = r.Id("application_id", required: true);
        var interviewId = r.Id("interview_id", required: true);
        var start = r.Instant("start", required: true);
        var end = r.Instant("end", required: true);
        var externalEventId = r.String("external_event_id", required: true);
        var location = r.OptionalString("location");
        var video = r.OptionalString("video_conferencing_url");
        var panelArray = r.Array("interviewers", required: true);

        ScheduledInterviewDto dto;
        lock (data.Gate)
        {
            var application = InterviewWrites.SchedulableApplication(r, data, applicationId);
            InterviewWrites.CheckStep(r, data, interviewId, application, "interview_id",
                id => $"Interview {id} not found", (id, app) => $"Interview {id} is not an interview in the hiring plan of application {app}'s job");
            if (start is not null && end is not null && end <= start)
            {
                r.Fail("end", "end must be after start");
            }

            var panel = InterviewerPanel.Parse(r, panelArray, data);
            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            var interview = InterviewWrites.Create(data, application!, interviewId!.Value, externalEventId!, start!.Value, end!.Value, location, video,
                call.OnBehalfOfUserId, panel!, call.Now);
            dto = ScheduledInterviewProjection.ToDto(data, interview);
        }

        return TypedResults.Json(dto, HarvestJson.ScheduledInterviewDto, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>PATCH /v2/scheduled_interviews/{id}: only Harvest-created interviews still scheduled or awaiting feedback.</summary>
    private static IResult Update(HarvestCall call)
    {
        var id = call.RouteId();
        var data = call.Data;
        var r = new BodyReader(call.Body);
        ScheduledInterviewDto dto;
        lock (data.Gate)
        {
            if (data.ScheduledInterviews.Find(id) is not { } interview)
            {
                return HarvestResults.NotFound();
            }

            if (InterviewWrites.Refusal(data, interview, "updated") is { } refusal)
            {
                return HarvestResults.Unprocessable(refusal.Message, refusal.Field);
            }

            var start = r.Has("start") ? r.Instant("start", required: true) : null;
            var end = r.Has("end") ? r.Instant("end", required: true) : null;
            var externalEventId = r.Has("external_event_id") ? r.String("external_event_id", required: true) : null;
            var location = r.OptionalString("location");
            var video = r.OptionalString("video_conferencing_url");
            var panel = r.Has("interviewers") ? InterviewerPanel.Parse(r, r.Array("interviewers", required: true), data) : null;
            if (InterviewWrites.EndsBeforeStart(interview, start, end))
            {
                r.Fail("end", "end must be after start");
            }

            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            InterviewWrites.Apply(data, interview, new InterviewChanges(start, end, externalEventId, location, video, panel), call.Now);
            // The PATCH docs say the On-Behalf-Of user "will become the interview organizer".
            interview.OrganizerId = call.OnBehalfOfUserId;
            dto = ScheduledInterviewProjection.ToDto(data, interview);
        }

        return TypedResults.Json(dto, HarvestJson.ScheduledInterviewDto);
    }

    /// <summary>DELETE /v1/scheduled_interviews/{id} (still v1): same restrictions as PATCH.</summary>
    private static IResult Delete(HarvestCall call)
    {
        var id = call.RouteId();
        var data = call.Data;
        lock (data.Gate)
        {
            if (data.ScheduledInterviews.Find(id) is not { } interview)
            {
                return HarvestResults.NotFound();
            }

            if (InterviewWrites.Refusal(data, interview, "deleted") is { } refusal)
            {
                return HarvestResults.Unprocessable(refusal.Message, refusal.Field);
            }

            InterviewWrites.Delete(data, interview, call.OnBehalfOfUserId, call.Now);
        }

        return TypedResults.Json(new MessageBody($"Interview {id} has been deleted."), HarvestJson.MessageBody);
    }
}
