using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Candidates and applications, changed the way Greenhouse users change them in the UI.
public sealed partial class SandboxOrganization
{
    /// <summary>Adds a candidate with one application on a job (at the given stage, default the first active one).</summary>
    public CandidateApplicationIds AddCandidate(NewCandidate candidate)
    {
        CandidateApplicationIds ids;
        lock (Data.Gate)
        {
            var now = Now();
            var job = Data.Jobs.Find(candidate.JobId) ?? throw NotFound("Job", candidate.JobId);
            var stage = candidate.StageId is { } stageId
                ? job.Stages.Find(s => s.Id == stageId) ?? throw NotFound("Stage of this job", stageId)
                : job.Stages.Where(s => s.Active).OrderBy(s => s.Priority).FirstOrDefault();
            if (stage is { Active: false })
            {
                throw new InvalidOperationException($"Stage {stage.Id} is not active.");
            }

            if (candidate.Email is not null && Data.FindCandidatesByEmail(candidate.Email).Count > 0)
            {
                throw new InvalidOperationException($"A candidate with email {candidate.Email} already exists.");
            }

            var c = new Candidate
            {
                Id = Data.Ids.Candidates.Next(),
                FirstName = candidate.FirstName,
                LastName = candidate.LastName,
                Company = candidate.Company,
                Title = candidate.Title,
                IsPrivate = candidate.IsPrivate,
                CreatedAt = now,
                UpdatedAt = now,
                LastActivity = now,
                RecruiterId = (job.Recruiters.Find(m => m.Responsible) ?? job.Recruiters.FirstOrDefault())?.UserId,
                CoordinatorId = (job.Coordinators.Find(m => m.Responsible) ?? job.Coordinators.FirstOrDefault())?.UserId,
            };
            if (candidate.Email is not null)
            {
                c.EmailAddresses.Add(new ContactValue(candidate.Email, "personal"));
            }

            if (candidate.Phone is not null)
            {
                c.PhoneNumbers.Add(new ContactValue(candidate.Phone, "mobile"));
            }

            Data.AddCandidate(c);
            var application = new Application
            {
                Id = Data.Ids.Applications.Next(),
                CandidateId = c.Id,
                JobId = job.Id,
                Prospect = candidate.Prospect,
                JobPostId = job.Posts.Find(p => p.External && p.Active)?.Id,
                Status = ApplicationStatus.Active,
                CurrentStageId = candidate.Prospect ? null : stage?.Id,
                AppliedAt = now,
                LastActivityAt = now,
                RecruiterId = c.RecruiterId,
                CoordinatorId = c.CoordinatorId,
            };
            Data.AddApplication(application);
            if (application.CurrentStageId is { } firstStageId)
            {
                Data.EnterStage(application, firstStageId, now);
            }

            ids = new CandidateApplicationIds(c.Id, application.Id);
            StageApplicationWebhook(application.Prospect ? "new_prospect_application" : "new_candidate_application", application);
        }

        FlushWebhooks();
        return ids;
    }

    public void UpdateCandidate(long candidateId, CandidateChanges changes)
    {
        lock (Data.Gate)
        {
            var c = Data.Candidates.Find(candidateId) ?? throw NotFound("Candidate", candidateId);
            var now = Now();
            c.FirstName = changes.FirstName ?? c.FirstName;
            c.LastName = changes.LastName ?? c.LastName;
            c.Company = changes.Company ?? c.Company;
            c.Title = changes.Title ?? c.Title;
            if (changes.Email is { } email)
            {
                Data.UnindexCandidateEmails(c);
                var type = c.EmailAddresses.Count > 0 ? c.EmailAddresses[0].Type : "personal";
                if (c.EmailAddresses.Count > 0)
                {
                    c.EmailAddresses[0] = new ContactValue(email, type);
                }
                else
                {
                    c.EmailAddresses.Add(new ContactValue(email, type));
                }

                Data.IndexCandidateEmails(c);
            }

            c.UpdatedAt = now;
            c.LastActivity = now;
            StageCandidateWebhook(c);
        }

        FlushWebhooks();
    }

    /// <summary>Moves an active application to another active stage of its job (adds a "Candidate Stage Change" activity).</summary>
    public void MoveApplication(long applicationId, long stageId)
    {
        lock (Data.Gate)
        {
            var (application, candidate, job) = ActiveApplication(applicationId);
            var stage = job.Stages.Find(s => s.Id == stageId) ?? throw NotFound("Stage of this job", stageId);
            if (!stage.Active)
            {
                throw new InvalidOperationException($"Stage {stageId} is not active.");
            }

            var now = Now();
            application.CurrentStageId = stage.Id;
            application.Prospect = false;
            Data.EnterStage(application, stage.Id, now);
            Touch(application, candidate, now);
            AddSystemActivity(candidate, now, "Candidate Stage Change", $"{candidate.Name} was moved into {stage.Name} for {job.Name}");
            StageApplicationWebhook("candidate_stage_change", application);
        }

        FlushWebhooks();
    }

    public void RejectApplication(long applicationId, string? reason = null)
    {
        lock (Data.Gate)
        {
            var (application, candidate, job) = ActiveApplication(applicationId);
            var now = Now();
            application.Status = ApplicationStatus.Rejected;
            application.RejectedAt = now;
            application.RejectionReasonId = (reason is null ? null : Data.RejectionReasons.Items.FirstOrDefault(r => r.Name == reason))?.Id
                ?? Data.RejectionReasons.Items.FirstOrDefault()?.Id;
            Data.ExitCurrentStage(application, now);
            Touch(application, candidate, now);
            AddSystemActivity(candidate, now, "Candidate Rejected", $"{candidate.Name} was rejected from {job.Name}{(reason is null ? "" : $": {reason}")}");
            StageApplicationWebhook("reject_candidate", application);
        }

        FlushWebhooks();
    }

    /// <summary>Makes a rejected application active again, in the stage it was rejected in (a new stay in that stage).</summary>
    public void UnrejectApplication(long applicationId)
    {
        lock (Data.Gate)
        {
            var application = Data.Applications.Find(applicationId) ?? throw NotFound("Application", applicationId);
            if (application.Status != ApplicationStatus.Rejected)
            {
                throw new InvalidOperationException($"Application {applicationId} is {application.Status.Wire()}, not rejected.");
            }

            var now = Now();
            application.Status = ApplicationStatus.Active;
            application.RejectedAt = null;
            application.RejectionReasonId = null;
            if (application.CurrentStageId is { } stageId)
            {
                Data.EnterStage(application, stageId, now);
            }

            Touch(application, Data.Candidates.Find(application.CandidateId)!, now);

            StageApplicationWebhook("unreject_candidate", application);
        }

        FlushWebhooks();
    }

    public void HireApplication(long applicationId)
    {
        lock (Data.Gate)
        {
            var (application, candidate, job) = ActiveApplication(applicationId);
            var now = Now();
            application.Status = ApplicationStatus.Hired;
            Data.ExitCurrentStage(application, now);
            Touch(application, candidate, now);
            AddSystemActivity(candidate, now, "Candidate Hired", $"{candidate.Name} was hired for {job.Name}");
            StageHireWebhook(application);
        }

        FlushWebhooks();
    }

    /// <summary>Adds a "Candidate Availability Submitted" activity in the documented text format.</summary>
    public long AddAvailabilitySubmission(long candidateId, string timeZone, IEnumerable<AvailabilityWindow> windows, IEnumerable<string>? extraLines = null) =>
        AddAvailabilitySubmissionText(candidateId, AvailabilityFormat.Format(timeZone, windows, extraLines));

    /// <summary>Adds an availability activity with a raw body (to test what consumers do with odd text).</summary>
    public long AddAvailabilitySubmissionText(long candidateId, string body)
    {
        lock (Data.Gate)
        {
            var candidate = Data.Candidates.Find(candidateId) ?? throw NotFound("Candidate", candidateId);
            var now = Now();
            var id = AddSystemActivity(candidate, now, AvailabilityFormat.Subject, body);
            candidate.LastActivity = now;
            return id;
        }
    }

    public ApplicationDto GetApplication(long applicationId)
    {
        lock (Data.Gate)
        {
            return ApplicationProjection.ToDto(Data, Data.Applications.Find(applicationId) ?? throw NotFound("Application", applicationId));
        }
    }

    public CandidateDto GetCandidate(long candidateId)
    {
        lock (Data.Gate)
        {
            return CandidateProjection.ToDto(Data, Data.Candidates.Find(candidateId) ?? throw NotFound("Candidate", candidateId));
        }
    }

    /// <summary>Applications, optionally only those with a given status.</summary>
    public IReadOnlyList<ApplicationDto> ListApplications(ApplicationStatus? status = null, int limit = int.MaxValue)
    {
        lock (Data.Gate)
        {
            return Data.Applications.Items.Where(a => status is null || a.Status == status).Take(limit)
                .Select(a => ApplicationProjection.ToDto(Data, a)).ToArray();
        }
    }

    private (Application Application, Candidate Candidate, Job Job) ActiveApplication(long applicationId)
    {
        var application = Data.Applications.Find(applicationId) ?? throw NotFound("Application", applicationId);
        if (application.Status != ApplicationStatus.Active)
        {
            throw new InvalidOperationException($"Application {applicationId} is {application.Status.Wire()}, not active.");
        }

        var job = application.JobId is { } jobId ? Data.Jobs.Find(jobId) : null;
        if (job is null)
        {
            throw new InvalidOperationException($"Application {applicationId} has no job.");
        }

        return (application, Data.Candidates.Find(application.CandidateId)!, job);
    }

    private static void Touch(Application application, Candidate candidate, DateTimeOffset now)
    {
        application.LastActivityAt = now;
        candidate.LastActivity = now;
        candidate.UpdatedAt = now;
    }

    private long AddSystemActivity(Candidate candidate, DateTimeOffset now, string subject, string body)
    {
        var activity = new FeedActivity
        {
            Id = Data.Ids.FeedItems.Next(),
            CandidateId = candidate.Id,
            CreatedAt = now,
            Subject = subject,
            Body = body,
        };
        Data.AddActivity(activity);
        return activity.Id;
    }

    private static SandboxNotFoundException NotFound(string what, long id) => new($"{what} {id} not found.");
}
