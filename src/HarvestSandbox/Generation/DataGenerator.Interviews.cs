using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Generation;

internal sealed partial class DataGenerator
{
    private static readonly string[] Rooms = ["Big Conference Room", "Huddle Room 3", "Lobby", "Zoom", "Google Meet"];

    /// <summary>
    /// Interviews on active applications' current stages (upcoming or recent), and finished ones on closed-out
    /// applications. About half are Harvest-created (actionable); the rest came from the UI or calendar sync.
    /// </summary>
    private void GenerateInterviews()
    {
        if (_enabledUsers.Count == 0)
        {
            return;
        }

        foreach (var application in _data.Applications.Items)
        {
            if (application.Prospect || application.JobId is not { } jobId || application.CurrentStageId is not { } stageId)
            {
                continue;
            }

            var job = _data.Jobs.Find(jobId)!;
            if (application.Status == ApplicationStatus.Active)
            {
                if (!_rng.Chance(0.45))
                {
                    continue;
                }

                var stage = _data.JobStages.Find(stageId)!;
                var steps = stage.Interviews.Where(s => s.Schedulable).ToArray();
                for (var k = _rng.Next(1, 3); k > 0 && steps.Length > 0; k--)
                {
                    var upcoming = _rng.Chance(0.55);
                    AddGeneratedInterview(application, job, _rng.Pick(steps), upcoming, finished: false);
                }
            }
            else if (_rng.Chance(0.3))
            {
                var steps = job.Stages.Where(s => s.Active).SelectMany(s => s.Interviews).Where(s => s.Schedulable).ToArray();
                if (steps.Length > 0)
                {
                    AddGeneratedInterview(application, job, _rng.Pick(steps), upcoming: false, finished: true);
                }
            }
        }
    }

    private void AddGeneratedInterview(Application application, Job job, InterviewStep step, bool upcoming, bool finished)
    {
        var day = upcoming ? _reference.AddDays(_rng.Next(1, 15))
            : finished ? new DateTimeOffset(application.LastActivityAt.UtcDateTime.Date, TimeSpan.Zero).AddDays(-_rng.Next(0, 5))
            : _reference.AddDays(-_rng.Next(1, 10));
        var start = day.AddHours(_rng.Next(13, 22)).AddMinutes(_rng.Next(4) * 15);
        var end = start.AddMinutes(step.EstimatedMinutes ?? 60);
        var allDay = _rng.Chance(0.03);
        var viaHarvest = !allDay && _rng.Chance(0.5);

        var status = upcoming ? InterviewStatus.Scheduled
            : finished || _rng.Chance(0.4) ? InterviewStatus.Complete
            : InterviewStatus.AwaitingFeedback;

        var createdBound = start < _reference ? start : _reference;
        var created = Between(application.AppliedAt, createdBound < application.AppliedAt ? application.AppliedAt : createdBound);
        var interview = new ScheduledInterview
        {
            Id = _data.Ids.ScheduledInterviews.Next(),
            ApplicationId = application.Id,
            InterviewStepId = step.Id,
            ExternalEventId = viaHarvest ? $"evt_{Hex(16)}" : _rng.Chance(0.5) ? $"gcal_{Hex(20)}" : null,
            Start = allDay ? InterviewTime.AllDay(DateOnly.FromDateTime(start.UtcDateTime)) : InterviewTime.At(start),
            End = allDay ? InterviewTime.AllDay(DateOnly.FromDateTime(start.UtcDateTime)) : InterviewTime.At(end),
            Location = _rng.Chance(0.6) ? _rng.Pick(Rooms) : null,
            VideoConferencingUrl = _rng.Chance(0.5) ? $"https://meet.example/{Hex(10)}" : null,
            Status = status,
            OrganizerId = job.Coordinators.FirstOrDefault()?.UserId ?? _rng.Pick(_enabledUsers).Id,
            CreatedViaHarvest = viaHarvest,
            CreatedAt = created,
            UpdatedAt = Between(created, createdBound < created ? created : createdBound),
        };

        var panel = step.DefaultInterviewerUserIds.Count > 0
            ? step.DefaultInterviewerUserIds.ToList()
            : [_rng.Pick(_enabledUsers).Id];
        if (_rng.Chance(0.3))
        {
            var extra = _rng.Pick(_enabledUsers).Id;
            if (!panel.Contains(extra))
            {
                panel.Add(extra);
            }
        }

        foreach (var userId in panel)
        {
            var roll = _rng.NextDouble();
            var response = roll < 0.6 ? ResponseStatus.Accepted
                : roll < 0.85 ? ResponseStatus.NeedsAction
                : roll < 0.95 ? ResponseStatus.Tentative
                : ResponseStatus.Declined;
            interview.Interviewers.Add(new Interviewer(userId, null, response,
                status == InterviewStatus.Complete ? _data.Ids.Scorecards.Next() : null));
        }

        _data.AddScheduledInterview(interview);
    }
}
