using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox;

// Hiring teams and confidential jobs: who may see a confidential job through v3.
public sealed partial class SandboxOrganization
{
    /// <summary>
    /// Puts a user on a job's hiring team in one more role; returns the v3 <c>/v3/job_owners</c> row id. A responsible
    /// recruiter or coordinator takes over from the previous one; sourcers are never responsible.
    /// </summary>
    public long AddJobOwner(long jobId, long userId, JobOwnerType type, bool responsible = false)
    {
        if (responsible && type == JobOwnerType.Sourcer)
        {
            throw new ArgumentException("Sourcers are never responsible.", nameof(responsible));
        }

        long id;
        lock (Data.Gate)
        {
            var (job, members) = TeamRole(jobId, userId, type);
            if (responsible)
            {
                for (var i = 0; i < members.Count; i++)
                {
                    members[i] = members[i] with { Responsible = false };
                }
            }

            var member = new TeamMember(Data.Ids.JobOwners.Next(), userId, responsible, Now());
            members.Add(member);
            StageJobWebhook(job);
            id = member.Id;
        }

        FlushWebhooks();
        return id;
    }

    /// <summary>Makes a user a hiring manager of a job; returns the v3 <c>/v3/job_hiring_managers</c> row id.</summary>
    public long AddHiringManager(long jobId, long userId)
    {
        long id;
        lock (Data.Gate)
        {
            var (job, members) = TeamRole(jobId, userId, null);
            var member = new TeamMember(Data.Ids.JobHiringManagers.Next(), userId, false, Now());
            members.Add(member);
            StageJobWebhook(job);
            id = member.Id;
        }

        FlushWebhooks();
        return id;
    }

    /// <summary>Sets the legacy confidential flag (Greenhouse no longer lets new jobs have it; existing ones keep it).</summary>
    public void SetJobConfidential(long jobId, bool confidential)
    {
        lock (Data.Gate)
        {
            var job = Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId);
            job.Confidential = confidential;
            job.UpdatedAt = Now();
            StageJobWebhook(job);
        }

        FlushWebhooks();
    }

    public SandboxHiringTeam HiringTeam(long jobId)
    {
        lock (Data.Gate)
        {
            return Team(Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId));
        }
    }

    /// <summary>Every confidential job with the users on its hiring team (the only ones who see it through v3).</summary>
    public IReadOnlyList<SandboxHiringTeam> ConfidentialJobs()
    {
        lock (Data.Gate)
        {
            return Data.Jobs.Items.Where(j => j.Confidential).Select(Team).ToArray();
        }
    }

    private (Job Job, List<TeamMember> Members) TeamRole(long jobId, long userId, JobOwnerType? type)
    {
        var job = Data.Jobs.Find(jobId) ?? throw NotFound("Job", jobId);
        _ = Data.Users.Find(userId) ?? throw NotFound("User", userId);
        var members = type switch
        {
            JobOwnerType.Recruiter => job.Recruiters,
            JobOwnerType.Coordinator => job.Coordinators,
            JobOwnerType.Sourcer => job.Sourcers,
            _ => job.HiringManagers,
        };
        if (members.Exists(m => m.UserId == userId))
        {
            throw new InvalidOperationException($"User {userId} already is {(type is { } t ? $"a {t.ToString().ToLowerInvariant()}" : "a hiring manager")} of job {jobId}.");
        }

        return (job, members);
    }

    private static SandboxHiringTeam Team(Job job) =>
        new(job.Id, job.Name, job.Confidential,
            job.HiringManagers.Select(m => new SandboxHiringManager(m.Id, m.UserId)).ToArray(),
            job.Recruiters.Select(m => new SandboxJobOwner(m.Id, m.UserId, JobOwnerType.Recruiter, m.Responsible))
                .Concat(job.Coordinators.Select(m => new SandboxJobOwner(m.Id, m.UserId, JobOwnerType.Coordinator, m.Responsible)))
                .Concat(job.Sourcers.Select(m => new SandboxJobOwner(m.Id, m.UserId, JobOwnerType.Sourcer, false)))
                .ToArray());
}
