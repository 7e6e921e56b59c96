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
    /// POST /v2/scheduled_interviews (CONTRACT.md §7.6). The On-Behalf-Of user becomes the organizer.
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
            Application? application = null;
            if (applicationId is { } appId)
            {
                application = data.Applications.Find(appId);
                if (application is null)
                {
                    r.Fail("application_id", $"Application {appId} not found");
                }
                else if (application.Status != ApplicationStatus.Active)
                {
                    r.Fail("application_id", $"Application {appId} is not active");
                    application = null;
                }
                else if (application.JobId is null)
                {
                    r.Fail("application_id", $"Application {appId} is a prospect application with no job");
                    application = null;
                }
            }

            if (interviewId is { } stepId)
            {
                var step = data.InterviewSteps.Find(stepId);
                var stage = step is null ? null : data.StageOf(step);
                if (step is null || stage is null || !stage.Active)
                {
                    r.Fail("interview_id", $"Interview {stepId} not found");
                }
                else if (application is not null && stage.JobId != application.JobId)
                {
                    r.Fail("interview_id", $"Interview {stepId} is not an interview in the hiring plan of application {application.Id}'s job");
                }
            }

            if (start is not null && end is not null && end <= start)
            {
                r.Fail("end", "end must be after start");
            }

            var panel = InterviewerPanel.Parse(r, panelArray, data);
            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            var interview = new ScheduledInterview
            {
                Id = data.Ids.ScheduledInterviews.Next(),
                ApplicationId = application!.Id,
                InterviewStepId = interviewId!.Value,
                ExternalEventId = externalEventId,
                Start = InterviewTime.At(start!.Value),
                End = InterviewTime.At(end!.Value),
                Location = location.Value,
                VideoConferencingUrl = video.Value,
                Status = end <= call.Now ? InterviewStatus.AwaitingFeedback : InterviewStatus.Scheduled,
                OrganizerId = call.OnBehalfOfUserId,
                CreatedViaHarvest = true,
                CreatedAt = call.Now,
                UpdatedAt = call.Now,
                Interviewers = panel!,
            };
            data.AddScheduledInterview(interview);
            Touch(data, application, call.Now);
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

            if (Refusal(data, interview, "updated") is { } refusal)
            {
                return refusal;
            }

            var start = r.Has("start") ? r.Instant("start", required: true) : null;
            var end = r.Has("end") ? r.Instant("end", required: true) : null;
            var externalEventId = r.Has("external_event_id") ? r.String("external_event_id", required: true) : null;
            var location = r.OptionalString("location");
            var video = r.OptionalString("video_conferencing_url");
            var panel = r.Has("interviewers") ? InterviewerPanel.Parse(r, r.Array("interviewers", required: true), data) : null;

            var newStart = start ?? interview.Start.DateTime;
            var newEnd = end ?? interview.End.DateTime;
            if ((start is not null || end is not null) && newStart is not null && newEnd is not null && newEnd <= newStart)
            {
                r.Fail("end", "end must be after start");
            }

            if (r.Errors.Count > 0)
            {
                return HarvestResults.Validation(r.Errors);
            }

            if (start is not null)
            {
                interview.Start = InterviewTime.At(start.Value);
            }

            if (end is not null)
            {
                interview.End = InterviewTime.At(end.Value);
            }

            if (externalEventId is not null)
            {
                interview.ExternalEventId = externalEventId;
            }

            if (location.Present)
            {
                interview.Location = location.Value;
            }

            if (video.Present)
            {
                interview.VideoConferencingUrl = video.Value;
            }

            if (panel is not null)
            {
                data.SetPanel(interview, panel);
            }

            if (start is not null || end is not null)
            {
                interview.Status = interview.End.Instant <= call.Now ? InterviewStatus.AwaitingFeedback : InterviewStatus.Scheduled;
            }

            // The PATCH docs say the On-Behalf-Of user "will become the interview organizer".
            interview.OrganizerId = call.OnBehalfOfUserId;
            interview.UpdatedAt = call.Now;
            Touch(data, data.Applications.Find(interview.ApplicationId)!, call.Now);
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

            if (Refusal(data, interview, "deleted") is { } refusal)
            {
                return refusal;
            }

            data.RemoveScheduledInterview(interview);
            data.DeletedInterviews.Add(new DeletedInterviewRecord(interview, call.Now, ViaHarvest: true, call.OnBehalfOfUserId));
            Touch(data, data.Applications.Find(interview.ApplicationId)!, call.Now);
        }

        return TypedResults.Json(new MessageBody($"Interview {id} has been deleted."), HarvestJson.MessageBody);
    }

    private static IResult? Refusal(OrgData data, ScheduledInterview interview, string verb)
    {
        if (!interview.CreatedViaHarvest)
        {
            return HarvestResults.Unprocessable(
                $"Interview {interview.Id} was not created through Harvest; only interviews created through Harvest can be {verb}", "id");
        }

        if (interview.Status == InterviewStatus.Complete)
        {
            return HarvestResults.Unprocessable(
                $"Interview {interview.Id} is complete; only scheduled or awaiting_feedback interviews can be {verb}", "id");
        }

        if (data.Applications.Find(interview.ApplicationId)?.Status != ApplicationStatus.Active)
        {
            return HarvestResults.Unprocessable(
                $"Interview {interview.Id} belongs to an application that is not active and cannot be {verb}", "application_id");
        }

        return null;
    }

    private static void Touch(OrgData data, Application application, DateTimeOffset now)
    {
        application.LastActivityAt = now;
        if (data.Candidates.Find(application.CandidateId) is { } candidate)
        {
            candidate.LastActivity = now;
        }
    }
}
