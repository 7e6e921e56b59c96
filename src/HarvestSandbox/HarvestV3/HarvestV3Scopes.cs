using System.Collections.Frozen;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// The Harvest v3 scopes the sandbox enforces, one per endpoint: <c>harvest:&lt;resource&gt;:&lt;list|create|update|destroy&gt;</c>
/// (docs/HARVEST-CONTRACT.md §11). They use the <see cref="HarvestPermission"/> shape so fault rules, the call log and counters
/// treat v1 permissions and v3 scopes alike: <see cref="HarvestPermission.Id"/> is the scope string.
/// </summary>
public static class HarvestV3Scopes
{
    public static readonly HarvestPermission ApplicationsList = List("applications", "List Applications");
    public static readonly HarvestPermission ApplicationStagesList = List("application_stages", "List Application Stages");
    public static readonly HarvestPermission CandidatesList = List("candidates", "List Candidates");
    public static readonly HarvestPermission UsersList = List("users", "List Users");
    public static readonly HarvestPermission InterviewsList = List("interviews", "List Interviews");
    public static readonly HarvestPermission InterviewsCreate = new("harvest:interviews:create", "Harvest v3: Create Interview", "POST", "/v3/interviews");
    public static readonly HarvestPermission InterviewsUpdate = new("harvest:interviews:update", "Harvest v3: Update Interview", "PATCH", "/v3/interviews/{id}");
    public static readonly HarvestPermission InterviewsDestroy = new("harvest:interviews:destroy", "Harvest v3: Delete Interview", "DELETE", "/v3/interviews/{id}");
    public static readonly HarvestPermission InterviewersList = List("interviewers", "List Interviewers");
    public static readonly HarvestPermission NotesList = List("notes", "List Notes");
    public static readonly HarvestPermission NotesCreate = new("harvest:notes:create", "Harvest v3: Create Note", "POST", "/v3/notes");
    public static readonly HarvestPermission JobsList = List("jobs", "List Jobs");
    public static readonly HarvestPermission JobPostsList = List("job_posts", "List Job Posts");
    public static readonly HarvestPermission JobInterviewStagesList = List("job_interview_stages", "List Job Interview Stages");
    public static readonly HarvestPermission JobInterviewsList = List("job_interviews", "List Job Interviews");
    public static readonly HarvestPermission DefaultInterviewersList = List("default_interviewers", "List Default Interviewers");
    public static readonly HarvestPermission OfficesList = List("offices", "List Offices");
    public static readonly HarvestPermission InterviewKitsList = List("interview_kits", "List Interview Kits");
    public static readonly HarvestPermission JobOwnersList = List("job_owners", "List Job Owners");
    public static readonly HarvestPermission JobHiringManagersList = List("job_hiring_managers", "List Job Hiring Managers");
    public static readonly HarvestPermission DepartmentsList = List("departments", "List Departments");
    public static readonly HarvestPermission UserEmailsList = List("user_emails", "List User Emails");

    /// <summary>
    /// The OAuth token endpoint (<c>POST /auth/token</c>). Not a scope: it is the endpoint id fault rules, the call
    /// log and counters use for token requests.
    /// </summary>
    public static readonly HarvestPermission TokenEndpoint = new("auth.token", "OAuth: Issue Access Token", "POST", "/auth/token");

    /// <summary>
    /// Every scope: the 17 of docs/HARVEST-CONTRACT.md §11's endpoint mapping in its order, then the interview plan,
    /// hiring team, department and user-email lists a scheduling integration also needs. New credentials get all of them by default.
    /// </summary>
    public static readonly IReadOnlyList<HarvestPermission> All =
    [
        ApplicationsList, ApplicationStagesList, CandidatesList, UsersList, InterviewsList, InterviewsCreate, InterviewsUpdate,
        InterviewsDestroy, InterviewersList, NotesList, NotesCreate, JobsList, JobPostsList, JobInterviewStagesList,
        JobInterviewsList, DefaultInterviewersList, OfficesList, InterviewKitsList, JobOwnersList, JobHiringManagersList,
        DepartmentsList, UserEmailsList,
    ];

    public static IReadOnlyList<string> AllIds { get; } = All.Select(s => s.Id).ToArray();

    private static readonly FrozenDictionary<string, HarvestPermission> ById = All.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);

    public static HarvestPermission? Find(string scope) => ById.GetValueOrDefault(scope);

    public static HarvestPermission Get(string scope) =>
        Find(scope) ?? throw new ArgumentException($"Unknown Harvest v3 scope '{scope}'.", nameof(scope));

    private static HarvestPermission List(string resource, string name) =>
        new($"harvest:{resource}:list", $"Harvest v3: {name}", "GET", $"/v3/{resource}");
}
