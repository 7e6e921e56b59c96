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

    [Get("/v3/job_posts")]
    Task<IApiResponse<List<V3JobPost>>> ListJobPosts([Query] V3JobChildFilter filter, CancellationToken ct = default);

    [Get("/v3/job_interview_stages")]
    Task<IApiResponse<List<V3JobInterviewStage>>> ListJobInterviewStages([Query] V3JobChildFilter filter, CancellationToken ct = default);

    [Get("/v3/job_interviews")]
    Task<IApiResponse<List<V3JobInterview>>> ListJobInterviews([Query] V3JobChildFilter filter, CancellationToken ct = default);

    [Get("/v3/default_interviewers")]
    Task<IApiResponse<List<V3DefaultInterviewer>>> ListDefaultInterviewers([Query] V3DefaultInterviewerFilter filter, CancellationToken ct = default);

    [Get("/v3/offices")]
    Task<IApiResponse<List<V3Office>>> ListOffices([Query] V3ListFilter filter, CancellationToken ct = default);
}
