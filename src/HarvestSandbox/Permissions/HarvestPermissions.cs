using System.Collections.Frozen;

namespace GemScheduling.HarvestSandbox;

/// <summary>The permissions the sandbox enforces (docs/HARVEST-CONTRACT.md §6).</summary>
public static class HarvestPermissions
{
    public static readonly HarvestPermission ApplicationsList =
        new("applications.list", "Applications: List Applications", "GET", "/v1/applications");
    public static readonly HarvestPermission CandidatesList =
        new("candidates.list", "Candidates: List Candidates", "GET", "/v1/candidates");
    public static readonly HarvestPermission CandidatesAddNote =
        new("candidates.add_note", "Candidates: Add Note", "POST", "/v1/candidates/{id}/activity_feed/notes");
    public static readonly HarvestPermission CandidatesAddEmail =
        new("candidates.add_email", "Candidates: Add E-mail", "POST", "/v1/candidates/{id}/activity_feed/emails");
    public static readonly HarvestPermission UsersList =
        new("users.list", "Users: List Users", "GET", "/v1/users");
    public static readonly HarvestPermission ScheduledInterviewsListForApplication =
        new("scheduled_interviews.list_for_application", "Scheduled Interviews: List Interviews for Application", "GET", "/v1/applications/{id}/scheduled_interviews");
    public static readonly HarvestPermission ScheduledInterviewsDelete =
        new("scheduled_interviews.delete", "Scheduled Interviews: Delete", "DELETE", "/v1/scheduled_interviews/{id}");
    public static readonly HarvestPermission ScheduledInterviewsCreate =
        new("scheduled_interviews.create", "Scheduled Interviews: Create", "POST", "/v2/scheduled_interviews");
    public static readonly HarvestPermission ScheduledInterviewsUpdate =
        new("scheduled_interviews.update", "Scheduled Interviews: Update", "PATCH", "/v2/scheduled_interviews/{id}");
    public static readonly HarvestPermission ActivityFeedRetrieve =
        new("activity_feed.retrieve", "Activity Feed: Retrieve Activity Feed", "GET", "/v1/candidates/{id}/activity_feed");
    public static readonly HarvestPermission JobsList =
        new("jobs.list", "Jobs: List Jobs", "GET", "/v1/jobs");
    public static readonly HarvestPermission JobsRetrieve =
        new("jobs.retrieve", "Jobs: Retrieve Job", "GET", "/v1/jobs/{id}");
    public static readonly HarvestPermission JobPostsList =
        new("job_posts.list", "Job Posts: List Job Posts", "GET", "/v1/job_posts");
    public static readonly HarvestPermission JobPostsRetrieveForJob =
        new("job_posts.retrieve_for_job", "Job Posts: Retrieve Job Post for Job", "GET", "/v1/jobs/{id}/job_post");
    public static readonly HarvestPermission JobStagesList =
        new("job_stages.list", "Job Stages: List Job Stages", "GET", "/v1/job_stages");
    public static readonly HarvestPermission JobStagesListForJob =
        new("job_stages.list_for_job", "Job Stages: List Job Stages for Job", "GET", "/v1/jobs/{id}/stages");
    public static readonly HarvestPermission OfficesList =
        new("offices.list", "Offices: List Offices", "GET", "/v1/offices");
    public static readonly HarvestPermission ScheduledInterviewsList =
        new("scheduled_interviews.list", "Scheduled Interviews: List Scheduled Interviews", "GET", "/v1/scheduled_interviews");
    public static readonly HarvestPermission ScheduledInterviewsRetrieve =
        new("scheduled_interviews.retrieve", "Scheduled Interviews: Retrieve Scheduled Interview", "GET", "/v1/scheduled_interviews/{id}");

    /// <summary>The 17 permissions an admin grants GemScheduling (docs/HARVEST-CONTRACT.md §6, in that table's order).</summary>
    public static readonly IReadOnlyList<HarvestPermission> Required17 =
    [
        ApplicationsList, CandidatesList, CandidatesAddNote, CandidatesAddEmail, UsersList,
        ScheduledInterviewsListForApplication, ScheduledInterviewsDelete, ScheduledInterviewsCreate,
        ScheduledInterviewsUpdate, ActivityFeedRetrieve, JobsList, JobsRetrieve, JobPostsList,
        JobPostsRetrieveForJob, JobStagesList, JobStagesListForJob, OfficesList,
    ];

    /// <summary>The 17 plus the two optional reconciliation permissions (List/Retrieve Scheduled Interviews).</summary>
    public static readonly IReadOnlyList<HarvestPermission> All =
        [.. Required17, ScheduledInterviewsList, ScheduledInterviewsRetrieve];

    public static IReadOnlyList<string> AllIds { get; } = All.Select(p => p.Id).ToArray();

    private static readonly FrozenDictionary<string, HarvestPermission> ById =
        All.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);

    public static HarvestPermission? Find(string id) => ById.GetValueOrDefault(id);

    public static HarvestPermission Get(string id) =>
        Find(id) ?? throw new ArgumentException($"Unknown Harvest permission '{id}'.", nameof(id));
}
