using GemScheduling.HarvestSandbox.Harvest;

namespace GemScheduling.HarvestSandbox.Store;

/// <summary>The fields a PATCH may change; null (or not Present) leaves a field as it is.</summary>
internal sealed record InterviewChanges(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? ExternalEventId,
    (bool Present, string? Value) Location,
    (bool Present, string? Value) VideoConferencingUrl,
    List<Interviewer>? Panel);

/// <summary>
/// What Greenhouse does to an interview written through Harvest, whichever surface wrote it (v1/v2
/// scheduled_interviews or v3 interviews): the surfaces differ only in field names, messages and response shapes.
/// Callers hold <see cref="OrgData.Gate"/>.
/// </summary>
internal static class InterviewWrites
{
    /// <summary>The application an interview may be created on (active, with a job), or null after a failure on <c>application_id</c>.</summary>
    public static Application? SchedulableApplication(BodyReader r, OrgData data, long? applicationId)
    {
        if (applicationId is not { } id)
        {
            return null;
        }

        var application = data.Applications.Find(id);
        if (application is null)
        {
            r.Fail("application_id", $"Application {id} not found");
        }
        else if (application.Status != ApplicationStatus.Active)
        {
            r.Fail("application_id", $"Application {id} is not active");
            return null;
        }
        else if (application.JobId is null)
        {
            r.Fail("application_id", $"Application {id} is a prospect application with no job");
            return null;
        }

        return application;
    }

    /// <summary>Fails <paramref name="field"/> unless the step is in an active stage of the application's job.</summary>
    public static void CheckStep(BodyReader r, OrgData data, long? stepId, Application? application, string field,
        Func<long, string> notFound, Func<long, long, string> notInPlan)
    {
        if (stepId is not { } id)
        {
            return;
        }

        var step = data.InterviewSteps.Find(id);
        var stage = step is null ? null : data.StageOf(step);
        if (step is null || stage is null || !stage.Active)
        {
            r.Fail(field, notFound(id));
        }
        else if (application is not null && stage.JobId != application.JobId)
        {
            r.Fail(field, notInPlan(id, application.Id));
        }
    }

    public static ScheduledInterview Create(OrgData data, Application application, long stepId, string externalEventId, DateTimeOffset start,
        DateTimeOffset end, (bool Present, string? Value) location, (bool Present, string? Value) video, long? organizerId,
        List<Interviewer> panel, DateTimeOffset now)
    {
        var interview = new ScheduledInterview
        {
            Id = data.Ids.ScheduledInterviews.Next(),
            ApplicationId = application.Id,
            InterviewStepId = stepId,
            ExternalEventId = externalEventId,
            Start = InterviewTime.At(start),
            End = InterviewTime.At(end),
            Location = location.Value,
            VideoConferencingUrl = video.Value,
            Status = end <= now ? InterviewStatus.AwaitingFeedback : InterviewStatus.Scheduled,
            OrganizerId = organizerId,
            CreatedViaHarvest = true,
            CreatedAt = now,
            UpdatedAt = now,
            Interviewers = panel,
        };
        data.AddScheduledInterview(interview);
        Touch(data, application, now);
        return interview;
    }

    /// <summary>Why the interview may not be <paramref name="verb"/> (message and field), or null when it may.</summary>
    public static (string Message, string Field)? Refusal(OrgData data, ScheduledInterview interview, string verb)
    {
        if (!interview.CreatedViaHarvest)
        {
            return ($"Interview {interview.Id} was not created through Harvest; only interviews created through Harvest can be {verb}", "id");
        }

        if (interview.Status == InterviewStatus.Complete)
        {
            return ($"Interview {interview.Id} is complete; only scheduled or awaiting_feedback interviews can be {verb}", "id");
        }

        if (data.Applications.Find(interview.ApplicationId)?.Status != ApplicationStatus.Active)
        {
            return ($"Interview {interview.Id} belongs to an application that is not active and cannot be {verb}", "application_id");
        }

        return null;
    }

    /// <summary>Whether moving the interview as asked would leave it ending at or before its start.</summary>
    public static bool EndsBeforeStart(ScheduledInterview interview, DateTimeOffset? start, DateTimeOffset? end)
    {
        var newStart = start ?? interview.Start.DateTime;
        var newEnd = end ?? interview.End.DateTime;
        return (start is not null || end is not null) && newStart is not null && newEnd is not null && newEnd <= newStart;
    }

    public static void Apply(OrgData data, ScheduledInterview interview, InterviewChanges changes, DateTimeOffset now)
    {
        if (changes.Start is { } start)
        {
            interview.Start = InterviewTime.At(start);
        }

        if (changes.End is { } end)
        {
            interview.End = InterviewTime.At(end);
        }

        if (changes.ExternalEventId is not null)
        {
            interview.ExternalEventId = changes.ExternalEventId;
        }

        if (changes.Location.Present)
        {
            interview.Location = changes.Location.Value;
        }

        if (changes.VideoConferencingUrl.Present)
        {
            interview.VideoConferencingUrl = changes.VideoConferencingUrl.Value;
        }

        if (changes.Panel is not null)
        {
            data.SetPanel(interview, changes.Panel);
        }

        if (changes.Start is not null || changes.End is not null)
        {
            interview.Status = interview.End.Instant <= now ? InterviewStatus.AwaitingFeedback : InterviewStatus.Scheduled;
        }

        interview.UpdatedAt = now;
        Touch(data, data.Applications.Find(interview.ApplicationId)!, now);
    }

    public static void Delete(OrgData data, ScheduledInterview interview, long? deletedBy, DateTimeOffset now)
    {
        data.RemoveScheduledInterview(interview);
        data.DeletedInterviews.Add(new DeletedInterviewRecord(interview, now, ViaHarvest: true, deletedBy));
        Touch(data, data.Applications.Find(interview.ApplicationId)!, now);
    }

    /// <summary>A write to an application's interviews is activity on it and on its candidate.</summary>
    public static void Touch(OrgData data, Application application, DateTimeOffset now)
    {
        application.LastActivityAt = now;
        if (data.Candidates.Find(application.CandidateId) is { } candidate)
        {
            candidate.LastActivity = now;
        }
    }
}
