using GemScheduling.Harvest.Http;
using GemScheduling.Harvest.V3.Models;
using Refit;

namespace GemScheduling.Harvest.V3;

/// <summary>
/// Harvest v3 as Refit sees it: the v3 replacements of our 17 uses (docs/HARVEST-CONTRACT.md §11). Lists fetch the first page;
/// later pages follow the cursor Link. Writes name the Greenhouse user they act as: the token is minted for that
/// user's <c>sub</c> (v3 has no On-Behalf-Of).
/// </summary>
public interface IHarvestV3Api
{
    [Get("/v3/applications")]
    Task<IApiResponse<List<V3Application>>> ListApplications([Query] V3ApplicationFilter filter, CancellationToken ct = default);

    [Get("/v3/application_stages")]
    Task<IApiResponse<List<V3ApplicationStage>>> ListApplicationStages([Query] V3ApplicationStageFilter filter, CancellationToken ct = default);

    [Get("/v3/candidates")]
    Task<IApiResponse<List<V3Candidate>>> ListCandidates([Query] V3ListFilter filter, CancellationToken ct = default);

    [Get("/v3/users")]
    Task<IApiResponse<List<V3User>>> ListUsers([Query] V3UserFilter filter, CancellationToken ct = default);

    [Get("/v3/interviews")]
    Task<IApiResponse<List<V3Interview>>> ListInterviews([Query] V3InterviewFilter filter, CancellationToken ct = default);

    [Get("/v3/interviewers")]
    Task<IApiResponse<List<V3Interviewer>>> ListInterviewers([Query] V3InterviewerFilter filter, CancellationToken ct = default);

    [Post("/v3/interviews")]
    Task<IApiResponse<V3Interview>> CreateInterview([Body] V3CreateInterviewRequest interview, [Header(HarvestV3AuthHandler.ActingUser)] string actingUser, CancellationToken ct = default);

    [Patch("/v3/interviews/{interviewId}")]
    Task<IApiResponse<V3Interview>> UpdateInterview(long interviewId, [Body] V3UpdateInterviewRequest changes, [Header(HarvestV3AuthHandler.ActingUser)] string actingUser, CancellationToken ct = default);

    [Delete("/v3/interviews/{interviewId}")]
    Task<IApiResponse<string>> DeleteInterview(long interviewId, [Header(HarvestV3AuthHandler.ActingUser)] string actingUser, CancellationToken ct = default);

    [Get("/v3/notes")]
    Task<IApiResponse<List<V3Note>>> ListNotes([Query] V3NoteFilter filter, CancellationToken ct = default);

    [Post("/v3/notes")]
    Task<IApiResponse<V3Note>> CreateNote([Body] V3CreateNoteRequest note, [Header(HarvestV3AuthHandler.ActingUser)] string actingUser, CancellationToken ct = default);

    [Get("/v3/jobs")]
    Task<IApiResponse<List<V3Job>>> ListJobs([Query] V3ListFilter filter, CancellationToken ct = default);

    /// <summary>Jobs as another Greenhouse user sees them: a confidential job shows only to its hiring team.</summary>
    [Get("/v3/jobs")]
    Task<IApiResponse<List<V3Job>>> ListJobsAs([Query] V3ConfidentialJobFilter filter, [Header(HarvestV3AuthHandler.ActingUser)] string? readAs, CancellationToken ct = default);

    [Get("/v3/job_posts")]
    Task<IApiResponse<List<V3JobPost>>> ListJobPosts([Query] V3JobChildFilter filter, CancellationToken ct = default);

    [Get("/v3/job_interview_stages")]
    Task<IApiResponse<List<V3JobInterviewStage>>> ListJobInterviewStages([Query] V3JobChildFilter filter, CancellationToken ct = default);

    [Get("/v3/job_interviews")]
    Task<IApiResponse<List<V3JobInterview>>> ListJobInterviews([Query] V3JobInterviewFilter filter, CancellationToken ct = default);

    /// <summary>Exactly one kit per job interview: the link from an interview step to its default interviewers.</summary>
    [Get("/v3/interview_kits")]
    Task<IApiResponse<List<V3InterviewKit>>> ListInterviewKits([Query] V3InterviewKitFilter filter, CancellationToken ct = default);

    [Get("/v3/default_interviewers")]
    Task<IApiResponse<List<V3DefaultInterviewer>>> ListDefaultInterviewers([Query] V3DefaultInterviewerFilter filter, CancellationToken ct = default);

    /// <summary>A job's recruiters, coordinators and sourcers (one row per user and role).</summary>
    [Get("/v3/job_owners")]
    Task<IApiResponse<List<V3JobOwner>>> ListJobOwners([Query] V3JobOwnerFilter filter, CancellationToken ct = default);

    [Get("/v3/departments")]
    Task<IApiResponse<List<V3Department>>> ListDepartments([Query] V3ListFilter filter, CancellationToken ct = default);

    /// <summary>Every address of every user; the only v3 lookup by a secondary address.</summary>
    [Get("/v3/user_emails")]
    Task<IApiResponse<List<V3UserEmail>>> ListUserEmails([Query] V3UserEmailFilter filter, CancellationToken ct = default);

    [Get("/v3/offices")]
    Task<IApiResponse<List<V3Office>>> ListOffices([Query] V3ListFilter filter, CancellationToken ct = default);
}
