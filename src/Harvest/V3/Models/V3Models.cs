using System.Text.Json.Serialization;
using GemScheduling.Harvest.V1.Models;

namespace GemScheduling.Harvest.V3.Models;

// Harvest v3 wire shapes (docs/HARVEST-CONTRACT.md §11). Flat resources, children never embedded. Every member is nullable and
// unknown members are ignored: Greenhouse may add properties at any time.

public sealed record V3Application(
    long? Id, long? CandidateId, bool? Prospect, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? LastActivityAt,
    DateTimeOffset? RejectedAt, string? Status, long? JobId, long? StageId, string? StageName, long? RecruiterId, long? CoordinatorId)
{
    private readonly long? _jobInterviewStageId;

    /// <summary>
    /// The job interview stage the application is in, in Greenhouse's newer schema only (null for prospects and closed
    /// applications). <see cref="CarriesJobInterviewStage"/> tells an absent member from a null one: without the member,
    /// the stage comes from <c>/v3/application_stages</c>.
    /// </summary>
    public long? JobInterviewStageId
    {
        get => _jobInterviewStageId;
        init
        {
            _jobInterviewStageId = value;
            CarriesJobInterviewStage = true;
        }
    }

    [JsonIgnore] public bool CarriesJobInterviewStage { get; private init; }
}

/// <summary>One stay of an application in a job interview stage; the row with no <c>exited_at</c> is the current one.</summary>
public sealed record V3ApplicationStage(long? Id, long? ApplicationId, long? JobInterviewStageId, DateTimeOffset? EnteredAt, DateTimeOffset? ExitedAt);

public sealed record V3Candidate(
    long? Id, string? FirstName, string? LastName, string? Company, string? Title, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt,
    DateTimeOffset? LastActivityAt, bool? Private, IReadOnlyList<HarvestTypedValue>? EmailAddresses);

public sealed record V3User(
    long? Id, string? FirstName, string? LastName, string? Name, string? PrimaryEmail, IReadOnlyList<string>? Emails, string? EmployeeId,
    bool? Deactivated, bool? SiteAdmin, DateTimeOffset? UpdatedAt);

/// <summary>A scheduled interview. There is no panel: it is in <c>/v3/interviewers</c>. All-day ones carry <c>all_day_*_on</c>.</summary>
public sealed record V3Interview(
    long? Id, long? JobId, long? ApplicationId, long? JobInterviewId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    string? AllDayStartOn, string? AllDayEndOn, string? Location, string? Status, long? OrganizerId, string? ExternalEventId,
    string? VideoConferencingUrl);

public sealed record V3Interviewer(long? Id, long? InterviewId, long? UserId, string? Email, string? ResponseStatus, long? ScorecardId);

/// <summary>An activity-feed row: <c>type</c> NOTE, EMAIL, ACTIVITY, AVAILABILITY_REQUEST, …; visibility reads <c>*_visible</c>.</summary>
public sealed record V3Note(
    long? Id, long? CandidateId, long? ApplicationId, long? UserId, string? Type, string? Subject, string? Body, string? Visibility,
    string? EmailFrom, string? EmailTo, [property: JsonConverter(typeof(StringOrArrayConverter))] IReadOnlyList<string>? EmailCc,
    DateTimeOffset? CreatedAt);

public sealed record V3Job(
    long? Id, string? Name, string? RequisitionId, string? Status, bool? Confidential, DateTimeOffset? OpenedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? UpdatedAt, long? DepartmentId, IReadOnlyList<long>? OfficeIds);

public sealed record V3JobPost(long? Id, string? Title, long? JobId, bool? Internal, bool? Active, bool? Live, DateTimeOffset? UpdatedAt);

/// <summary>A v1 "job stage": <c>priority</c> is <c>sort_order</c> here.</summary>
public sealed record V3JobInterviewStage(long? Id, long? JobId, string? Name, int? SortOrder, bool? Active, DateTimeOffset? UpdatedAt);

/// <summary>A v1 stage "interview" (our interview step); its id is what <c>job_interview_id</c> refers to.</summary>
public sealed record V3JobInterview(long? Id, long? JobId, long? JobInterviewStageId, string? Name, string? SchedulingType, int? Duration);

/// <summary>The interview kit of one job interview (exactly one each); default interviewers hang off the kit.</summary>
public sealed record V3InterviewKit(long? Id, long? JobId, long? JobInterviewId);

public sealed record V3DefaultInterviewer(long? Id, long? InterviewKitId, long? UserId);

/// <summary>One role of one user on a job's hiring team: <c>type</c> recruiter, coordinator or sourcer.</summary>
public sealed record V3JobOwner(long? Id, long? JobId, long? UserId, string? Type, bool? Responsible);

public sealed record V3Department(long? Id, string? Name, long? ParentId, string? ExternalId);

public sealed record V3UserEmail(long? Id, long? UserId, string? Email, bool? Verified);

/// <summary><c>location</c> is a plain string in v3.</summary>
public sealed record V3Office(long? Id, string? Name, string? Location, long? ParentId, string? ExternalId);
