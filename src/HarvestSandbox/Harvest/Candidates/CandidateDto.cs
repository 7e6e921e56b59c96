namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/candidates item (docs/HARVEST-CONTRACT.md §7.2), with full embedded applications.</summary>
public sealed record CandidateDto(
    long Id,
    string FirstName,
    string LastName,
    string? Company,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivity,
    bool IsPrivate,
    string? PhotoUrl,
    IReadOnlyList<AttachmentDto> Attachments,
    IReadOnlyList<long> ApplicationIds,
    IReadOnlyList<TypedValueDto> PhoneNumbers,
    IReadOnlyList<TypedValueDto> Addresses,
    IReadOnlyList<TypedValueDto> EmailAddresses,
    IReadOnlyList<TypedValueDto> WebsiteAddresses,
    IReadOnlyList<TypedValueDto> SocialMediaAddresses,
    UserRefDto? Recruiter,
    UserRefDto? Coordinator,
    bool CanEmail,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ApplicationDto> Applications,
    IReadOnlyList<EducationDto> Educations,
    IReadOnlyList<EmploymentDto> Employments,
    IReadOnlyList<long> LinkedUserIds,
    IReadOnlyDictionary<string, string?> CustomFields,
    IReadOnlyDictionary<string, string?> KeyedCustomFields);

public sealed record TypedValueDto(string Value, string Type);

public sealed record EducationDto(long Id, string? SchoolName, string? Degree, string? Discipline, DateTimeOffset? StartDate, DateTimeOffset? EndDate);

public sealed record EmploymentDto(long Id, string? CompanyName, string? Title, DateTimeOffset? StartDate, DateTimeOffset? EndDate);
