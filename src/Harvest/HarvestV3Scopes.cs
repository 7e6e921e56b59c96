namespace GemScheduling.Harvest;

/// <summary>
/// The Harvest v3 scopes GemScheduling needs (<c>harvest:&lt;resource&gt;:&lt;action&gt;</c>, docs/HARVEST-CONTRACT.md §11), in the
/// same shape as the v1 permissions so the permission report reads the same for both versions.
/// </summary>
public static class HarvestV3Scopes
{
    public const string ApplicationsList = "harvest:applications:list";
    public const string ApplicationStagesList = "harvest:application_stages:list";
    public const string CandidatesList = "harvest:candidates:list";
    public const string UsersList = "harvest:users:list";
    public const string InterviewsList = "harvest:interviews:list";
    public const string InterviewersList = "harvest:interviewers:list";
    public const string InterviewsCreate = "harvest:interviews:create";
    public const string InterviewsUpdate = "harvest:interviews:update";
    public const string InterviewsDestroy = "harvest:interviews:destroy";
    public const string NotesList = "harvest:notes:list";
    public const string NotesCreate = "harvest:notes:create";
    public const string JobsList = "harvest:jobs:list";
    public const string JobPostsList = "harvest:job_posts:list";
    public const string JobInterviewStagesList = "harvest:job_interview_stages:list";
    public const string JobInterviewsList = "harvest:job_interviews:list";
    public const string DefaultInterviewersList = "harvest:default_interviewers:list";
    public const string OfficesList = "harvest:offices:list";
    public const string InterviewKitsList = "harvest:interview_kits:list";
    public const string JobOwnersList = "harvest:job_owners:list";
    public const string DepartmentsList = "harvest:departments:list";
    public const string UserEmailsList = "harvest:user_emails:list";

    /// <summary>Not a scope: the report's line for "the token's user can see list results" (v3 lists need a Site Admin).</summary>
    public const string SiteAdminReads = "site_admin.list_reads";

    /// <summary>Not a scope: the report's line for "every confidential job can be read by someone GemScheduling reads as".</summary>
    public const string ConfidentialJobsReach = "confidential_jobs.reach";

    public static readonly IReadOnlyList<HarvestPermission> All =
    [
        new(ApplicationsList, ApplicationsList, "GET", "/v3/applications", true,
            "Syncs applications so coordinators schedule against their current job, stage and status.",
            ["application sync", "application context", "schedule validation"]),
        new(ApplicationStagesList, ApplicationStagesList, "GET", "/v3/application_stages", true,
            "Finds each application's current job interview stage (v3 applications carry a stage instance id, not the stage).",
            ["application stage", "suggested interviews"]),
        new(CandidatesList, CandidatesList, "GET", "/v3/candidates", true,
            "Syncs candidates (names and email addresses) for scheduling and candidate emails.",
            ["candidate sync", "candidate emails"]),
        new(UsersList, UsersList, "GET", "/v3/users", true,
            "Syncs users: interviewers, and the acting user that organizes interviews.",
            ["user sync", "acting user", "interviewer validation"]),
        new(InterviewsList, InterviewsList, "GET", "/v3/interviews", true,
            "Finds an application's interviews to reconcile them and to avoid creating an interview twice.",
            ["reconciliation", "exactly-once interview creation"]),
        new(InterviewersList, InterviewersList, "GET", "/v3/interviewers", true,
            "Reads interview panels (v3 interviews carry no panel) to reconcile them.",
            ["reconciliation"]),
        new(InterviewsCreate, InterviewsCreate, "POST", "/v3/interviews", true,
            "Tells Greenhouse about scheduled interviews so it reminds interviewers.",
            ["writing schedules to Greenhouse"]),
        new(InterviewsUpdate, InterviewsUpdate, "PATCH", "/v3/interviews/{id}", true,
            "Updates interviews in Greenhouse when a schedule is edited.",
            ["rescheduling in Greenhouse"]),
        new(InterviewsDestroy, InterviewsDestroy, "DELETE", "/v3/interviews/{id}", true,
            "Removes cancelled interviews so interviewers get no reminders for them.",
            ["cancelling interviews in Greenhouse"]),
        new(NotesList, NotesList, "GET", "/v3/notes", true,
            "Reads the candidate's activity feed: submitted availability, and our own notes and emails (so none is written twice).",
            ["candidate availability from Greenhouse", "exactly-once notes and emails"]),
        new(NotesCreate, NotesCreate, "POST", "/v3/notes", true,
            "Adds schedule notes to the candidate's activity feed and logs every email sent to the candidate there.",
            ["schedule notes in Greenhouse", "email logging in Greenhouse (emails are still sent)"]),
        new(JobsList, JobsList, "GET", "/v3/jobs", true, "Syncs jobs.", ["job sync", "targeted job sync"]),
        new(JobPostsList, JobPostsList, "GET", "/v3/job_posts", true,
            "Syncs the external job post names shown to candidates.", ["external job names"]),
        new(JobInterviewStagesList, JobInterviewStagesList, "GET", "/v3/job_interview_stages", true,
            "Syncs job stages.", ["interview steps", "schedule validation"]),
        new(JobInterviewsList, JobInterviewsList, "GET", "/v3/job_interviews", true,
            "Syncs each stage's interview steps (schedulable, duration).", ["interview steps", "schedule validation"]),
        new(DefaultInterviewersList, DefaultInterviewersList, "GET", "/v3/default_interviewers", true,
            "Syncs each interview step's default interviewers.", ["suggested interviewers"]),
        new(OfficesList, OfficesList, "GET", "/v3/offices", true,
            "Syncs offices for filtering jobs and interview locations.", ["office sync"]),
        new(InterviewKitsList, InterviewKitsList, "GET", "/v3/interview_kits", true,
            "Links each interview step to its interview kit, which is where v3 keeps default interviewers.", ["suggested interviewers"]),
        new(JobOwnersList, JobOwnersList, "GET", "/v3/job_owners", false,
            "Reads each job's recruiters and coordinators (v3 jobs carry no hiring team).", ["job recruiters and coordinators"]),
        new(DepartmentsList, DepartmentsList, "GET", "/v3/departments", false,
            "Names each job's department (v3 jobs carry only its id).", ["department names on jobs"]),
        new(UserEmailsList, UserEmailsList, "GET", "/v3/user_emails", false,
            "Finds a Greenhouse user by any of their email addresses, not only the primary one.", ["organizer and interviewer lookup by secondary email"]),
    ];

    public static readonly HarvestPermission SiteAdmin = new(SiteAdminReads, "Token user is a Site Admin (v3 list reads)", "GET", "/v3/users", true,
        "Harvest v3 returns list results only when the token's user is a Site Admin. GemScheduling reads as the org's " +
        "Integration Service User (the user Greenhouse makes for the credential).",
        ["every sync", "application context", "reconciliation"]);

    public static readonly HarvestPermission ConfidentialJobs = new(ConfidentialJobsReach, "Reader sees every confidential job", "GET", "/v3/jobs", false,
        "A confidential job, with its applications, stages and interviews, shows only to its hiring team. GemScheduling syncs those its " +
        "reader sees, and asks each Site Admin which ones it does not.",
        ["confidential job sync"]);

    public static HarvestPermission Get(string id) => id switch
    {
        SiteAdminReads => SiteAdmin,
        ConfidentialJobsReach => ConfidentialJobs,
        _ => All.Single(p => p.Id == id),
    };

    public static HarvestPermission? ForRequest(string method, string path) => All.FirstOrDefault(p => p.Matches(method, path));

    public static string HowToGrant(HarvestPermission scope) => scope.Id switch
    {
        SiteAdminReads => "In Greenhouse: Configure (gear icon) → Users → find the reader (by default \"Integration Service User\") → Edit → " +
                          "set the permission level to Site Admin and save. Harvest v3 list endpoints return nothing to other users.",
        ConfidentialJobsReach => "Add GemScheduling's reader (readerEmail, by default the Integration Service User) to the hiring team of each " +
                                 "confidential job listed, or connect with readerEmail set to a Site Admin who is on them.",
        _ => "In Greenhouse: Configure (gear icon) → Dev Center → API Credentials → select GemScheduling's \"Harvest V3 (OAuth)\" " +
          $"credential → Edit → tick the scope \"{scope.Id}\" and save. This needs the developer permission " +
          "\"Can manage ALL organization's API Credentials\" (ask a Site Admin if you do not have it).",
    };
}
