using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/job_posts item and GET /v1/jobs/{id}/job_post (docs/HARVEST-CONTRACT.md §7.9).</summary>
public sealed record JobPostDto(
    long Id,
    string Title,
    JobPostLocationDto Location,
    bool Internal,
    bool External,
    bool Active,
    bool Live,
    DateTimeOffset? FirstPublishedAt,
    long? JobId,
    string? Content,
    string? InternalContent,
    DateTimeOffset UpdatedAt,
    DateTimeOffset CreatedAt,
    long? DemographicQuestionSetId,
    IReadOnlyList<JobPostQuestionDto> Questions);

public sealed record JobPostLocationDto(long Id, string Name, long? OfficeId, long? JobPostCustomLocationId, JobPostLocationTypeDto JobPostLocationType);

public sealed record JobPostLocationTypeDto(long Id, string Name);

public sealed record JobPostQuestionDto(bool Required, bool Private, string Label, string Name, string Type, IReadOnlyList<string> Values, string? Description);

internal static class JobPostProjection
{
    private static readonly JobPostLocationTypeDto FreeText = new(1, "Free Text");

    private static readonly JobPostQuestionDto[] StandardQuestions =
    [
        new(true, false, "First Name", "first_name", "short_text", [], null),
        new(true, false, "Last Name", "last_name", "short_text", [], null),
        new(true, false, "Email", "email", "short_text", [], null),
        new(false, false, "Resume/CV", "resume", "attachment", [], null),
    ];

    public static JobPostDto ToDto(JobPost p) =>
        new(p.Id, p.Title, new JobPostLocationDto(p.LocationId, p.LocationName, p.OfficeId, p.LocationId, FreeText),
            p.Internal, p.External, p.Active, p.Live, p.FirstPublishedAt, p.JobId, p.Content, p.InternalContent,
            p.UpdatedAt, p.CreatedAt, null, StandardQuestions);
}
