namespace GemScheduling.HarvestSandbox;

/// <summary>Settings for a new organization.</summary>
public sealed record OrganizationOptions
{
    public string? Name { get; init; }
    public int Seed { get; init; } = 42;
    public DataScale Scale { get; init; } = DataScale.Demo;

    /// <summary>Requests per 10-second window per key; null or 0 turns rate limiting off.</summary>
    public int? RateLimit { get; init; } = 50;
    public RateLimitStyle RateLimitStyle { get; init; } = RateLimitStyle.Current;

    /// <summary>Link URLs repeat query parameters as Greenhouse once did (docs/HARVEST-CONTRACT.md §3, greenhouse_io#21).</summary>
    public bool RepeatedLinkParams { get; init; }

    /// <summary>Generated data is laid out around this date; defaults to the sandbox's reference date.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>Harvest v3 settings and quirks (rate limits, token lifetime, Site-Admin rule, ...).</summary>
    public HarvestV3Options V3 { get; init; } = new();
}

public sealed record SandboxApiKey(
    string Id,
    string Key,
    string OrganizationId,
    string? Description,
    IReadOnlyList<string> Permissions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

public sealed record OrganizationInfo(
    string Id,
    string Name,
    int Seed,
    string Scale,
    DateOnly ReferenceDate,
    int? RateLimit,
    RateLimitStyle RateLimitStyle,
    bool RepeatedLinkParams,
    DataSummary Data);

public sealed record DataSummary(
    int Offices, int Departments, int Users, int Jobs, int JobPosts, int JobStages, int InterviewSteps,
    int Candidates, int Applications, int ScheduledInterviews, int Notes, int Emails, int Activities);

public sealed record NewCandidate
{
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
    public required long JobId { get; init; }

    /// <summary>Defaults to the job's first active stage.</summary>
    public long? StageId { get; init; }
    public bool Prospect { get; init; }
    public bool IsPrivate { get; init; }
}

public sealed record CandidateApplicationIds(long CandidateId, long ApplicationId);

/// <summary>Changes to a candidate's profile; null leaves a field as it is.</summary>
public sealed record CandidateChanges
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }

    /// <summary>Replaces the primary (first) email address.</summary>
    public string? Email { get; init; }
    public string? Company { get; init; }
    public string? Title { get; init; }
}

public sealed record NewUser
{
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public IReadOnlyList<string> SecondaryEmails { get; init; } = [];
    public string? EmployeeId { get; init; }
    public bool SiteAdmin { get; init; }
    public bool CanManageApplications { get; init; } = true;
    public bool Disabled { get; init; }
}

public sealed record NewInterviewStep
{
    public required string Name { get; init; }
    public bool Schedulable { get; init; } = true;
    public int? EstimatedMinutes { get; init; } = 60;
    public IReadOnlyList<long> DefaultInterviewerUserIds { get; init; } = [];
}

/// <summary>A panel member: a user id, or an email (which may match no user).</summary>
public sealed record InterviewerSpec(long? UserId, string? Email, ResponseStatus ResponseStatus = ResponseStatus.NeedsAction);

/// <summary>An interview created "in the Greenhouse UI" (or by calendar sync): never actionable through Harvest.</summary>
public sealed record NewUiInterview
{
    public required long ApplicationId { get; init; }
    public required long InterviewStepId { get; init; }
    public required InterviewTime Start { get; init; }
    public required InterviewTime End { get; init; }
    public IReadOnlyList<InterviewerSpec> Interviewers { get; init; } = [];
    public long? OrganizerUserId { get; init; }
    public string? Location { get; init; }
    public string? VideoConferencingUrl { get; init; }
    public string? ExternalEventId { get; init; }
    public InterviewStatus Status { get; init; } = InterviewStatus.Scheduled;
}

/// <summary>A change made "in the UI" to any interview; null leaves a field as it is.</summary>
public sealed record InterviewUiChanges
{
    public InterviewTime? Start { get; init; }
    public InterviewTime? End { get; init; }
    public InterviewStatus? Status { get; init; }
    public string? Location { get; init; }
    public string? VideoConferencingUrl { get; init; }
    public string? ExternalEventId { get; init; }
    public long? OrganizerUserId { get; init; }
    public IReadOnlyList<InterviewerSpec>? Interviewers { get; init; }
}

/// <summary>One availability window in the candidate's zone; <see cref="End"/> may be 24:00.</summary>
public sealed record AvailabilityWindow(DateOnly Date, TimeSpan Start, TimeSpan End);

public sealed record SandboxInterviewer(long? UserId, string? Email, ResponseStatus ResponseStatus)
{
    /// <summary>The v3 <c>/v3/interviewers</c> row id (a replaced panel gets new ids).</summary>
    public long Id { get; init; }
}

/// <summary>A scheduled interview as stored, including whether it was created through Harvest.</summary>
public sealed record SandboxInterview(
    long Id,
    long ApplicationId,
    long CandidateId,
    long InterviewStepId,
    string? ExternalEventId,
    InterviewTime Start,
    InterviewTime End,
    string? Location,
    string? VideoConferencingUrl,
    InterviewStatus Status,
    long? OrganizerUserId,
    bool CreatedViaHarvest,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SandboxInterviewer> Interviewers);

public sealed record DeletedInterview(SandboxInterview Interview, DateTimeOffset DeletedAt, bool ViaHarvest, long? DeletedByUserId);

/// <summary>A note as stored. <see cref="OnBehalfOfUserId"/> is the token's <c>sub</c> for notes written through v3.</summary>
public sealed record SandboxNote(long Id, long CandidateId, long? UserId, long? OnBehalfOfUserId, string Body, NoteVisibility Visibility, DateTimeOffset CreatedAt)
{
    /// <summary>The application a v3 note was attached to (v1 notes have none).</summary>
    public long? ApplicationId { get; init; }
}

/// <summary>A logged email as stored (v1 Add E-mail, or a v3 EMAIL note).</summary>
public sealed record SandboxEmail(
    long Id, long CandidateId, long? UserId, long? OnBehalfOfUserId, string To, string From, IReadOnlyList<string> Cc,
    string Subject, string Body, DateTimeOffset CreatedAt)
{
    public long? ApplicationId { get; init; }

    /// <summary>v3 EMAIL notes carry a visibility; v1 emails are <see cref="NoteVisibility.Public"/>.</summary>
    public NoteVisibility Visibility { get; init; } = NoteVisibility.Public;
}

public sealed record SandboxActivity(long Id, long CandidateId, long? UserId, string Subject, string Body, DateTimeOffset CreatedAt);

/// <summary>
/// Everything needed to schedule one interview: an active application on an open job whose current stage has a
/// schedulable interview step, an organizer allowed to manage applications, and enabled interviewers.
/// </summary>
public sealed record SchedulingTarget(
    long ApplicationId, long CandidateId, long JobId, long StageId, long InterviewStepId, long OrganizerUserId,
    IReadOnlyList<long> InterviewerUserIds);

/// <summary>Thrown by admin operations for ids that do not exist.</summary>
public sealed class SandboxNotFoundException(string message) : KeyNotFoundException(message);
