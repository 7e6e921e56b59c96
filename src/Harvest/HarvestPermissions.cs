using System.Text.RegularExpressions;

namespace GemScheduling.Harvest;

/// <summary>One Harvest endpoint permission an admin grants on the API key (Dev Center → API Credential Management).</summary>
public sealed record HarvestPermission(
    string Id,
    string DisplayName,
    string Method,
    string Path,
    bool Required,
    string UsedFor,
    IReadOnlyList<string> FeaturesAffected)
{
    private readonly Regex _pattern = new("^" + Regex.Replace(Regex.Escape(Path), @"\\\{[a-z_]+}", "[0-9]+") + "$", RegexOptions.CultureInvariant);

    public string Endpoint => $"{Method} {Path}";

    public bool Matches(string method, string path) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && _pattern.IsMatch(path.TrimEnd('/'));
}

/// <summary>The 17 permissions GemScheduling needs (docs/HARVEST-CONTRACT.md §6, the seed article) and 2 optional ones.</summary>
public static class HarvestPermissions
{
    public const string ApplicationsList = "applications.list";
    public const string CandidatesList = "candidates.list";
    public const string CandidatesAddNote = "candidates.add_note";
    public const string CandidatesAddEmail = "candidates.add_email";
    public const string UsersList = "users.list";
    public const string InterviewsListForApplication = "scheduled_interviews.list_for_application";
    public const string InterviewsDelete = "scheduled_interviews.delete";
    public const string InterviewsCreate = "scheduled_interviews.create";
    public const string InterviewsUpdate = "scheduled_interviews.update";
    public const string ActivityFeedRetrieve = "activity_feed.retrieve";
    public const string JobsList = "jobs.list";
    public const string JobsRetrieve = "jobs.retrieve";
    public const string JobPostsList = "job_posts.list";
    public const string JobPostsRetrieveForJob = "job_posts.retrieve_for_job";
    public const string JobStagesList = "job_stages.list";
    public const string JobStagesListForJob = "job_stages.list_for_job";
    public const string OfficesList = "offices.list";
    public const string InterviewsList = "scheduled_interviews.list";
    public const string InterviewsRetrieve = "scheduled_interviews.retrieve";

    public static readonly IReadOnlyList<HarvestPermission> All =
    [
        new(ApplicationsList, "Applications: List Applications", "GET", "/v1/applications", true,
            "Syncs applications so coordinators schedule against their current job, stage and status.",
            ["application sync", "application context", "schedule validation"]),
        new(CandidatesList, "Candidates: List Candidates", "GET", "/v1/candidates", true,
            "Syncs candidates (names and email addresses) for scheduling and candidate emails.",
            ["candidate sync", "candidate emails"]),
        new(CandidatesAddNote, "Candidates: Add Note", "POST", "/v1/candidates/{candidate_id}/activity_feed/notes", true,
            "Adds a note to the candidate's activity feed when a schedule is created, changed or cancelled.",
            ["schedule notes in Greenhouse"]),
        new(CandidatesAddEmail, "Candidates: Add E-mail", "POST", "/v1/candidates/{candidate_id}/activity_feed/emails", true,
            "Logs every email GemScheduling sends to a candidate on their activity feed.",
            ["email logging in Greenhouse (emails are still sent)"]),
        new(UsersList, "Users: List Users", "GET", "/v1/users", true,
            "Syncs users: interviewers, and the acting user that organizes interviews.",
            ["user sync", "acting user", "interviewer validation"]),
        new(InterviewsListForApplication, "Scheduled Interviews: List Interviews for Application", "GET", "/v1/applications/{application_id}/scheduled_interviews", true,
            "Finds an application's interviews to reconcile them and to avoid creating an interview twice.",
            ["reconciliation", "exactly-once interview creation"]),
        new(InterviewsDelete, "Scheduled Interviews: Delete a scheduled interview", "DELETE", "/v1/scheduled_interviews/{id}", true,
            "Removes cancelled interviews so interviewers get no reminders for them.",
            ["cancelling interviews in Greenhouse"]),
        new(InterviewsCreate, "Scheduled Interviews: Create a scheduled interview", "POST", "/v2/scheduled_interviews", true,
            "Tells Greenhouse about scheduled interviews so it reminds interviewers.",
            ["writing schedules to Greenhouse"]),
        new(InterviewsUpdate, "Scheduled Interviews: Update a scheduled interview", "PATCH", "/v2/scheduled_interviews/{id}", true,
            "Updates interviews in Greenhouse when a schedule is edited.",
            ["rescheduling in Greenhouse"]),
        new(ActivityFeedRetrieve, "Activity Feed: Retrieve Activity Feed", "GET", "/v1/candidates/{candidate_id}/activity_feed", true,
            "Reads the availability candidates submit to Greenhouse.",
            ["candidate availability from Greenhouse"]),
        new(JobsList, "Jobs: List Jobs", "GET", "/v1/jobs", true,
            "Syncs jobs.", ["job sync"]),
        new(JobsRetrieve, "Jobs: Retrieve Job", "GET", "/v1/jobs/{id}", true,
            "Syncs one job on demand, e.g. when an application references a job not seen yet.", ["targeted job sync"]),
        new(JobPostsList, "Job Posts: List Job Posts", "GET", "/v1/job_posts", true,
            "Syncs the external job post names shown to candidates.", ["external job names"]),
        new(JobPostsRetrieveForJob, "Job Posts: Retrieve Job Post for Job", "GET", "/v1/jobs/{job_id}/job_post", true,
            "Syncs the external job post name of one job.", ["targeted job sync"]),
        new(JobStagesList, "Job Stages: List Job Stages", "GET", "/v1/job_stages", true,
            "Syncs job stages and their interview steps (schedulable, duration, default interviewers).",
            ["interview steps", "schedule validation"]),
        new(JobStagesListForJob, "Job Stages: List Job Stages for Job", "GET", "/v1/jobs/{job_id}/stages", true,
            "Syncs one job's stages and interview steps on demand.", ["targeted job sync"]),
        new(OfficesList, "Offices: List Offices", "GET", "/v1/offices", true,
            "Syncs offices for filtering jobs and interview locations.", ["office sync"]),
        new(InterviewsList, "Scheduled Interviews: List Scheduled Interviews", "GET", "/v1/scheduled_interviews", false,
            "Optional: org-wide interview reads for reconciliation.", ["faster reconciliation"]),
        new(InterviewsRetrieve, "Scheduled Interviews: Retrieve Scheduled Interview", "GET", "/v1/scheduled_interviews/{id}", false,
            "Optional: reads one interview for reconciliation.", ["faster reconciliation"]),
    ];

    public static IEnumerable<HarvestPermission> Required => All.Where(p => p.Required);

    public static HarvestPermission Get(string id) => All.Single(p => p.Id == id);

    public static HarvestPermission? ForRequest(string method, string path) => All.FirstOrDefault(p => p.Matches(method, path));

    /// <summary>Where an admin grants a permission; the person doing it needs "Can manage ALL organization's API Credentials".</summary>
    public static string HowToGrant(HarvestPermission permission) =>
        $"In Greenhouse: Configure (gear icon) → Dev Center → API Credential Management → select GemScheduling's Harvest key → " +
        $"Manage Permissions → tick \"{permission.DisplayName}\" and save. This needs the developer permission " +
        "\"Can manage ALL organization's API Credentials\" (ask a Site Admin if you do not have it).";
}
