using GemScheduling.Harvest.V1.Models;
using Refit;

namespace GemScheduling.Harvest.V1;

/// <summary>
/// Harvest v1/v2 as Refit sees it: the 17 endpoints of docs/HARVEST-CONTRACT.md §6 plus the two scheduled-interview reads used for
/// reconciliation. List methods fetch the first page only; later pages follow the Link header (<see cref="HarvestPager"/>).
/// Writes always carry On-Behalf-Of and a JSON body.
/// </summary>
public interface IHarvestV1Api
{
    [Get("/v1/applications")]
    Task<IApiResponse<List<HarvestApplication>>> ListApplications([Query] ApplicationFilter filter, CancellationToken ct = default);

    [Get("/v1/candidates")]
    Task<IApiResponse<List<HarvestCandidate>>> ListCandidates([Query] CandidateFilter filter, CancellationToken ct = default);

    [Post("/v1/candidates/{candidateId}/activity_feed/notes")]
    Task<IApiResponse<HarvestNote>> AddNote(long candidateId, [Body] AddNoteRequest note, [Header("On-Behalf-Of")] string onBehalfOf, CancellationToken ct = default);

    [Post("/v1/candidates/{candidateId}/activity_feed/emails")]
    Task<IApiResponse<HarvestEmail>> AddEmail(long candidateId, [Body] AddEmailRequest email, [Header("On-Behalf-Of")] string onBehalfOf, CancellationToken ct = default);

    [Get("/v1/users")]
    Task<IApiResponse<List<HarvestUser>>> ListUsers([Query] UserFilter filter, CancellationToken ct = default);

    [Get("/v1/applications/{applicationId}/scheduled_interviews")]
    Task<IApiResponse<List<HarvestScheduledInterview>>> ListInterviewsForApplication(long applicationId, [Query] ScheduledInterviewFilter filter, CancellationToken ct = default);

    [Delete("/v1/scheduled_interviews/{interviewId}")]
    Task<IApiResponse<HarvestMessage>> DeleteScheduledInterview(long interviewId, [Header("On-Behalf-Of")] string onBehalfOf, CancellationToken ct = default);

    [Post("/v2/scheduled_interviews")]
    Task<IApiResponse<HarvestScheduledInterview>> CreateScheduledInterview([Body] CreateScheduledInterviewRequest interview, [Header("On-Behalf-Of")] string onBehalfOf, CancellationToken ct = default);

    [Patch("/v2/scheduled_interviews/{interviewId}")]
    Task<IApiResponse<HarvestScheduledInterview>> UpdateScheduledInterview(long interviewId, [Body] UpdateScheduledInterviewRequest changes, [Header("On-Behalf-Of")] string onBehalfOf, CancellationToken ct = default);

    [Get("/v1/candidates/{candidateId}/activity_feed")]
    Task<IApiResponse<HarvestActivityFeed>> RetrieveActivityFeed(long candidateId, CancellationToken ct = default);

    [Get("/v1/jobs")]
    Task<IApiResponse<List<HarvestJob>>> ListJobs([Query] JobFilter filter, CancellationToken ct = default);

    [Get("/v1/jobs/{jobId}")]
    Task<IApiResponse<HarvestJob>> RetrieveJob(long jobId, CancellationToken ct = default);

    [Get("/v1/job_posts")]
    Task<IApiResponse<List<HarvestJobPost>>> ListJobPosts([Query] JobPostFilter filter, CancellationToken ct = default);

    [Get("/v1/jobs/{jobId}/job_post")]
    Task<IApiResponse<HarvestJobPost>> RetrieveJobPostForJob(long jobId, CancellationToken ct = default);

    [Get("/v1/job_stages")]
    Task<IApiResponse<List<HarvestJobStage>>> ListJobStages([Query] PageFilter filter, CancellationToken ct = default);

    [Get("/v1/jobs/{jobId}/stages")]
    Task<IApiResponse<List<HarvestJobStage>>> ListJobStagesForJob(long jobId, CancellationToken ct = default);

    [Get("/v1/offices")]
    Task<IApiResponse<List<HarvestOffice>>> ListOffices([Query] PageFilter filter, CancellationToken ct = default);

    [Get("/v1/scheduled_interviews")]
    Task<IApiResponse<List<HarvestScheduledInterview>>> ListScheduledInterviews([Query] ScheduledInterviewFilter filter, CancellationToken ct = default);

    [Get("/v1/scheduled_interviews/{interviewId}")]
    Task<IApiResponse<HarvestScheduledInterview>> RetrieveScheduledInterview(long interviewId, CancellationToken ct = default);
}
