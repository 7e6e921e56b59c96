namespace GemScheduling.HarvestSandbox.Store;

/// <summary>
/// One organization's Greenhouse data. Version-neutral: it models the ATS, not a Harvest version; the v1/v2
/// projections live under Harvest/, the v3 ones (flat resources, cursor paging) under HarvestV3/, both from these rows.
/// Every read and write takes <see cref="Gate"/>.
/// </summary>
internal sealed class OrgData
{
    public Lock Gate { get; } = new();

    public required string CompanyName { get; init; }
    public required string EmailDomain { get; init; }

    public EntityTable<Office> Offices { get; } = new();
    public EntityTable<Department> Departments { get; } = new();
    public EntityTable<Source> Sources { get; } = new();
    public EntityTable<RejectionReason> RejectionReasons { get; } = new();
    public EntityTable<User> Users { get; } = new();
    public EntityTable<Job> Jobs { get; } = new();
    public EntityTable<JobPost> JobPosts { get; } = new();
    public EntityTable<JobStage> JobStages { get; } = new();
    public EntityTable<InterviewStep> InterviewSteps { get; } = new();
    public EntityTable<Candidate> Candidates { get; } = new();
    public EntityTable<Application> Applications { get; } = new();
    public EntityTable<ScheduledInterview> ScheduledInterviews { get; } = new();
    public EntityTable<FeedNote> Notes { get; } = new();
    public EntityTable<FeedEmail> Emails { get; } = new();
    public EntityTable<FeedActivity> Activities { get; } = new();
    public EntityTable<ApplicationStage> ApplicationStages { get; } = new();

    /// <summary>Interviews removed through Harvest or "in the UI"; not Greenhouse data, so not fingerprinted.</summary>
    public List<DeletedInterviewRecord> DeletedInterviews { get; } = [];

    public IdSequences Ids { get; } = new();

    // Value: one Candidate (the usual case) or a List<Candidate> when several share an address.
    private readonly Dictionary<string, object> _candidatesByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, User> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, User> _usersByEmployeeId = new(StringComparer.Ordinal);

    public void AddUser(User user)
    {
        Users.Add(user);
        IndexUser(user);
    }

    public void IndexUser(User user)
    {
        foreach (var email in user.Emails)
        {
            _usersByEmail.TryAdd(email, user);
        }

        if (user.EmployeeId is not null)
        {
            _usersByEmployeeId.TryAdd(user.EmployeeId, user);
        }
    }

    public void UnindexUser(User user)
    {
        foreach (var email in user.Emails)
        {
            if (_usersByEmail.TryGetValue(email, out var u) && u == user)
            {
                _usersByEmail.Remove(email);
            }
        }

        if (user.EmployeeId is not null && _usersByEmployeeId.TryGetValue(user.EmployeeId, out var e) && e == user)
        {
            _usersByEmployeeId.Remove(user.EmployeeId);
        }
    }

    public User? FindUserByEmail(string email) => _usersByEmail.GetValueOrDefault(email);

    public User? FindUserByEmployeeId(string employeeId) => _usersByEmployeeId.GetValueOrDefault(employeeId);

    public void AddCandidate(Candidate candidate)
    {
        Candidates.Add(candidate);
        IndexCandidateEmails(candidate);
    }

    public void IndexCandidateEmails(Candidate candidate)
    {
        foreach (var email in candidate.EmailAddresses)
        {
            if (_candidatesByEmail.TryGetValue(email.Value, out var existing))
            {
                _candidatesByEmail[email.Value] = Insert(existing, candidate);
            }
            else
            {
                _candidatesByEmail[email.Value] = candidate;
            }
        }
    }

    public void UnindexCandidateEmails(Candidate candidate)
    {
        foreach (var email in candidate.EmailAddresses)
        {
            switch (_candidatesByEmail.GetValueOrDefault(email.Value))
            {
                case Candidate c when c == candidate:
                    _candidatesByEmail.Remove(email.Value);
                    break;
                case List<Candidate> list:
                    list.Remove(candidate);
                    _candidatesByEmail[email.Value] = list.Count == 1 ? list[0] : list;
                    break;
            }
        }
    }

    public IReadOnlyList<Candidate> FindCandidatesByEmail(string email) =>
        _candidatesByEmail.GetValueOrDefault(email) switch
        {
            Candidate c => [c],
            List<Candidate> list => list,
            _ => [],
        };

    /// <summary>Adds to the one-or-many value of the email index, keeping id order.</summary>
    private static List<Candidate> Insert(object existing, Candidate candidate)
    {
        var list = existing as List<Candidate> ?? [(Candidate)existing];
        if (!list.Contains(candidate))
        {
            var index = list.FindIndex(c => c.Id > candidate.Id);
            list.Insert(index < 0 ? list.Count : index, candidate);
        }

        return list;
    }

    public void AddApplication(Application application)
    {
        Applications.Add(application);
        Candidates.Find(application.CandidateId)!.Applications.Add(application);
        if (application.JobId is { } jobId)
        {
            Jobs.Find(jobId)!.Applications.Add(application);
        }
    }

    public void AddJobStage(JobStage stage)
    {
        JobStages.Add(stage);
        Jobs.Find(stage.JobId)!.Stages.Add(stage);
        foreach (var step in stage.Interviews)
        {
            InterviewSteps.Add(step);
        }
    }

    public void AddInterviewStep(JobStage stage, InterviewStep step)
    {
        stage.Interviews.Add(step);
        InterviewSteps.Add(step);
    }

    public void AddJobPost(JobPost post)
    {
        JobPosts.Add(post);
        if (post.JobId is { } jobId)
        {
            Jobs.Find(jobId)!.Posts.Add(post);
        }
    }

    /// <summary>Moves an application into a job stage: closes its current stay and opens a new one.</summary>
    public ApplicationStage EnterStage(Application application, long jobStageId, DateTimeOffset at)
    {
        ExitCurrentStage(application, at);
        var stay = new ApplicationStage
        {
            Id = Ids.ApplicationStages.Next(),
            ApplicationId = application.Id,
            JobStageId = jobStageId,
            EnteredAt = at,
        };
        ApplicationStages.Add(stay);
        application.StageHistory.Add(stay);
        return stay;
    }

    /// <summary>
    /// A rejected, hired or converted application leaves its stage: the last stay gets an exit time, so it has no
    /// current row in <c>/v3/application_stages</c> (v3 <c>stage_id</c> still names that last stay).
    /// </summary>
    public void ExitCurrentStage(Application application, DateTimeOffset at)
    {
        if (application.CurrentStageInstance is { ExitedAt: null } current)
        {
            current.ExitedAt = at;
        }
    }

    /// <summary>Replaces an interview's panel; the new members get fresh interviewer ids.</summary>
    public void SetPanel(ScheduledInterview interview, List<Interviewer> panel)
    {
        interview.Interviewers = panel;
        AssignInterviewerIds(interview);
    }

    private void AssignInterviewerIds(ScheduledInterview interview)
    {
        var panel = interview.Interviewers;
        for (var i = 0; i < panel.Count; i++)
        {
            if (panel[i].Id == 0)
            {
                panel[i] = panel[i] with { Id = Ids.Interviewers.Next() };
            }
        }
    }

    public void AddScheduledInterview(ScheduledInterview interview)
    {
        AssignInterviewerIds(interview);
        ScheduledInterviews.Add(interview);
        Applications.Find(interview.ApplicationId)!.Interviews.Add(interview);
    }

    public void RemoveScheduledInterview(ScheduledInterview interview)
    {
        ScheduledInterviews.Remove(interview.Id);
        IdOrder.RemoveById(Applications.Find(interview.ApplicationId)!.Interviews, interview.Id);
    }

    public void AddNote(FeedNote note)
    {
        Notes.Add(note);
        Candidates.Find(note.CandidateId)!.Notes.Add(note);
    }

    public void AddEmail(FeedEmail email)
    {
        Emails.Add(email);
        Candidates.Find(email.CandidateId)!.Emails.Add(email);
    }

    public void AddActivity(FeedActivity activity)
    {
        Activities.Add(activity);
        Candidates.Find(activity.CandidateId)!.Activities.Add(activity);
    }

    public JobStage? StageOf(InterviewStep step) => JobStages.Find(step.StageId);

    /// <summary>SHA-256 over a canonical form of every Greenhouse row (not keys, logs or counters).</summary>
    public string Fingerprint()
    {
        using var w = new CanonicalWriter();
        w.Section("company"); w.Write(CompanyName); w.Write(EmailDomain);
        w.Section("offices"); foreach (var x in Offices.Items) { x.WriteCanonical(w); }
        w.Section("departments"); foreach (var x in Departments.Items) { x.WriteCanonical(w); }
        w.Section("sources"); foreach (var x in Sources.Items) { x.WriteCanonical(w); }
        w.Section("rejection_reasons"); foreach (var x in RejectionReasons.Items) { x.WriteCanonical(w); }
        w.Section("users"); foreach (var x in Users.Items) { x.WriteCanonical(w); }
        w.Section("jobs"); foreach (var x in Jobs.Items) { x.WriteCanonical(w); }
        w.Section("job_posts"); foreach (var x in JobPosts.Items) { x.WriteCanonical(w); }
        w.Section("job_stages"); foreach (var x in JobStages.Items) { x.WriteCanonical(w); }
        w.Section("candidates"); foreach (var x in Candidates.Items) { x.WriteCanonical(w); }
        w.Section("applications"); foreach (var x in Applications.Items) { x.WriteCanonical(w); }
        w.Section("scheduled_interviews"); foreach (var x in ScheduledInterviews.Items) { x.WriteCanonical(w); }
        w.Section("notes"); foreach (var x in Notes.Items) { x.WriteCanonical(w); }
        w.Section("emails"); foreach (var x in Emails.Items) { x.WriteCanonical(w); }
        w.Section("activities"); foreach (var x in Activities.Items) { x.WriteCanonical(w); }
        w.Section("application_stages"); foreach (var x in ApplicationStages.Items) { x.WriteCanonical(w); }
        return w.Finish();
    }
}

internal sealed record DeletedInterviewRecord(ScheduledInterview Interview, DateTimeOffset DeletedAt, bool ViaHarvest, long? DeletedByUserId);
