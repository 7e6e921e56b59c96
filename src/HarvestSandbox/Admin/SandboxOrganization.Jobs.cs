using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Jobs and hiring plans.
public sealed partial class SandboxOrganization
{
    public void CloseJob(long jobId) => SetJobStatus(jobId, JobStatus.Closed);

    public void OpenJob(long jobId) => SetJobStatus(jobId, JobStatus.Open);

    public void SetJobStatus(long jobId, JobStatus status)
    {
        lock (Data.Gate)
        {
            var job = Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId);
            var now = Now();
            job.Status = status;
            switch (status)
            {
                case JobStatus.Closed:
                    job.ClosedAt = now;
                    break;
                case JobStatus.Open:
                    job.OpenedAt ??= now;
                    job.ClosedAt = null;
                    break;
            }

            foreach (var post in job.Posts)
            {
                post.Live = status == JobStatus.Open && post.Active;
                post.UpdatedAt = now;
            }

            job.UpdatedAt = now;
            StageJobWebhook(job);
        }

        FlushWebhooks();
    }

    /// <summary>"Deletes" a stage from the hiring plan: it stays listed with active=false.</summary>
    public void DeactivateStage(long stageId)
    {
        lock (Data.Gate)
        {
            var stage = Data.JobStages.Find(stageId) ?? throw NotFound("Stage", stageId);
            var now = Now();
            var wasActive = stage.Active;
            stage.Active = false;
            stage.UpdatedAt = now;
            foreach (var step in stage.Interviews)
            {
                step.UpdatedAt = now;
            }

            Data.Jobs.Find(stage.JobId)!.UpdatedAt = now;
            if (wasActive)
            {
                StageStageDeletedWebhook(stage);
            }
        }

        FlushWebhooks();
    }

    /// <summary>Adds an interview step to a stage; returns its id (the interview_id to schedule against).</summary>
    public long AddInterviewStep(long stageId, NewInterviewStep step)
    {
        lock (Data.Gate)
        {
            var stage = Data.JobStages.Find(stageId) ?? throw NotFound("Stage", stageId);
            foreach (var userId in step.DefaultInterviewerUserIds)
            {
                _ = Data.Users.Find(userId) ?? throw NotFound("User", userId);
            }

            var now = Now();
            var entity = new InterviewStep
            {
                Id = Data.Ids.InterviewSteps.Next(),
                StageId = stage.Id,
                Name = step.Name,
                Schedulable = step.Schedulable,
                EstimatedMinutes = step.EstimatedMinutes,
                Kit = new InterviewKit(Data.Ids.InterviewKits.Next(), $"<h5>Purpose</h5><p>{step.Name}</p>", []),
                CreatedAt = now,
                UpdatedAt = now,
            };
            entity.DefaultInterviewerUserIds.AddRange(step.DefaultInterviewerUserIds);
            Data.AddInterviewStep(stage, entity);
            stage.UpdatedAt = now;
            return entity.Id;
        }
    }

    public JobDto GetJob(long jobId)
    {
        lock (Data.Gate)
        {
            return JobProjection.ToDto(Data, Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId));
        }
    }

    public IReadOnlyList<JobDto> ListJobs()
    {
        lock (Data.Gate)
        {
            return Data.Jobs.Items.Select(j => JobProjection.ToDto(Data, j)).ToArray();
        }
    }

    public IReadOnlyList<JobStageDto> GetJobStages(long jobId)
    {
        lock (Data.Gate)
        {
            var job = Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId);
            return job.Stages.Select(s => JobStageProjection.ToDto(Data, s)).ToArray();
        }
    }

    /// <summary>
    /// The <paramref name="skip"/>-th application that can be scheduled right now (see <see cref="SchedulingTarget"/>),
    /// or null when there is none.
    /// </summary>
    public SchedulingTarget? FindSchedulingTarget(int skip = 0)
    {
        lock (Data.Gate)
        {
            foreach (var application in Data.Applications.Items)
            {
                if (application is not { Status: ApplicationStatus.Active, Prospect: false, JobId: { } jobId, CurrentStageId: { } stageId })
                {
                    continue;
                }

                var job = Data.Jobs.Find(jobId)!;
                var stage = Data.JobStages.Find(stageId)!;
                var step = stage.Interviews.Find(s => s.Schedulable);
                if (job.Status != JobStatus.Open || !stage.Active || step is null)
                {
                    continue;
                }

                var organizer = job.Coordinators.Select(m => Data.Users.Find(m.UserId))
                    .FirstOrDefault(u => u is { Disabled: false, CanManageApplications: true })
                    ?? Data.Users.Items.FirstOrDefault(u => u is { Disabled: false, CanManageApplications: true });
                var interviewers = step.DefaultInterviewerUserIds.Where(id => Data.Users.Find(id) is { Disabled: false }).ToList();
                if (interviewers.Count == 0)
                {
                    interviewers.AddRange(Data.Users.Items.Where(u => !u.Disabled).Take(2).Select(u => u.Id));
                }

                if (organizer is null || interviewers.Count == 0)
                {
                    continue;
                }

                if (skip-- > 0)
                {
                    continue;
                }

                return new SchedulingTarget(application.Id, application.CandidateId, job.Id, stage.Id, step.Id, organizer.Id, interviewers);
            }

            return null;
        }
    }
}
