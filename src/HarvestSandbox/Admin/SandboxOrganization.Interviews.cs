using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Scheduled interviews changed "in the Greenhouse UI" (or by calendar sync), and read-backs of all of them.
public sealed partial class SandboxOrganization
{
    /// <summary>Creates an interview as the UI would: not Harvest-created, so never actionable.</summary>
    public long CreateInterviewInUi(NewUiInterview interview)
    {
        lock (Data.Gate)
        {
            var application = Data.Applications.Find(interview.ApplicationId) ?? throw NotFound("Application", interview.ApplicationId);
            var step = Data.InterviewSteps.Find(interview.InterviewStepId) ?? throw NotFound("Interview step", interview.InterviewStepId);
            if (Data.StageOf(step)?.JobId != application.JobId)
            {
                throw new InvalidOperationException($"Interview step {step.Id} is not in the hiring plan of application {application.Id}'s job.");
            }

            var now = Now();
            var entity = new ScheduledInterview
            {
                Id = Data.Ids.ScheduledInterviews.Next(),
                ApplicationId = application.Id,
                InterviewStepId = step.Id,
                ExternalEventId = interview.ExternalEventId,
                Start = interview.Start,
                End = interview.End,
                Location = interview.Location,
                VideoConferencingUrl = interview.VideoConferencingUrl,
                Status = interview.Status,
                OrganizerId = interview.OrganizerUserId,
                CreatedViaHarvest = false,
                CreatedAt = now,
                UpdatedAt = now,
                Interviewers = Panel(interview.Interviewers),
            };
            Data.AddScheduledInterview(entity);
            Touch(application, Data.Candidates.Find(application.CandidateId)!, now);
            return entity.Id;
        }
    }

    /// <summary>Moves or changes any interview as the UI would (Harvest-created ones too).</summary>
    public void UpdateInterviewInUi(long interviewId, InterviewUiChanges changes)
    {
        lock (Data.Gate)
        {
            var interview = Data.ScheduledInterviews.Find(interviewId) ?? throw NotFound("Scheduled interview", interviewId);
            interview.Start = changes.Start ?? interview.Start;
            interview.End = changes.End ?? interview.End;
            interview.Status = changes.Status ?? interview.Status;
            interview.Location = changes.Location ?? interview.Location;
            interview.VideoConferencingUrl = changes.VideoConferencingUrl ?? interview.VideoConferencingUrl;
            interview.ExternalEventId = changes.ExternalEventId ?? interview.ExternalEventId;
            interview.OrganizerId = changes.OrganizerUserId ?? interview.OrganizerId;
            if (changes.Interviewers is { } panel)
            {
                Data.SetPanel(interview, Panel(panel));
            }

            if (interview.Status == InterviewStatus.Complete)
            {
                interview.Interviewers = interview.Interviewers
                    .Select(i => i.ScorecardId is null && i.UserId is not null ? i with { ScorecardId = Data.Ids.Scorecards.Next() } : i)
                    .ToList();
            }

            interview.UpdatedAt = Now();
        }
    }

    /// <summary>Deletes any interview as the UI would; it is logged in <see cref="DeletedInterviews"/>.</summary>
    public void DeleteInterviewInUi(long interviewId)
    {
        lock (Data.Gate)
        {
            var interview = Data.ScheduledInterviews.Find(interviewId) ?? throw NotFound("Scheduled interview", interviewId);
            Data.RemoveScheduledInterview(interview);
            Data.DeletedInterviews.Add(new DeletedInterviewRecord(interview, Now(), ViaHarvest: false, null));
            StageInterviewDeletedWebhook(interview.Id);
        }

        FlushWebhooks();
    }

    /// <summary>Stored interviews (optionally for one application), with the Harvest-created flag.</summary>
    public IReadOnlyList<SandboxInterview> ScheduledInterviews(long? applicationId = null, bool? createdViaHarvest = null)
    {
        lock (Data.Gate)
        {
            IEnumerable<ScheduledInterview> source = applicationId is { } id
                ? Data.Applications.Find(id)?.Interviews ?? []
                : Data.ScheduledInterviews.Items;
            return source.Where(s => createdViaHarvest is null || s.CreatedViaHarvest == createdViaHarvest).Select(Snapshot).ToArray();
        }
    }

    public SandboxInterview? FindScheduledInterview(long interviewId)
    {
        lock (Data.Gate)
        {
            return Data.ScheduledInterviews.Find(interviewId) is { } s ? Snapshot(s) : null;
        }
    }

    /// <summary>Every interview deleted, through Harvest or in the UI, in order.</summary>
    public IReadOnlyList<DeletedInterview> DeletedInterviews()
    {
        lock (Data.Gate)
        {
            return Data.DeletedInterviews.Select(d => new DeletedInterview(Snapshot(d.Interview), d.DeletedAt, d.ViaHarvest, d.DeletedByUserId)).ToArray();
        }
    }

    private SandboxInterview Snapshot(ScheduledInterview s) =>
        new(s.Id, s.ApplicationId, Data.Applications.Find(s.ApplicationId)?.CandidateId ?? 0, s.InterviewStepId, s.ExternalEventId,
            s.Start, s.End, s.Location, s.VideoConferencingUrl, s.Status, s.OrganizerId, s.CreatedViaHarvest, s.CreatedAt, s.UpdatedAt,
            s.Interviewers.Select(i => new SandboxInterviewer(i.UserId, i.Email, i.ResponseStatus) { Id = i.Id }).ToArray());

    private List<Interviewer> Panel(IEnumerable<InterviewerSpec> specs)
    {
        var panel = new List<Interviewer>();
        foreach (var spec in specs)
        {
            if (spec.UserId is { } userId)
            {
                _ = Data.Users.Find(userId) ?? throw NotFound("User", userId);
                panel.Add(new Interviewer(userId, null, spec.ResponseStatus, null));
            }
            else if (!string.IsNullOrWhiteSpace(spec.Email))
            {
                panel.Add(new Interviewer(Data.FindUserByEmail(spec.Email)?.Id, spec.Email, spec.ResponseStatus, null));
            }
            else
            {
                throw new ArgumentException("An interviewer needs a user id or an email.");
            }
        }

        return panel;
    }
}
