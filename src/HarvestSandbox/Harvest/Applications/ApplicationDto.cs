namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>GET /v1/applications item (docs/HARVEST-CONTRACT.md §7.1).</summary>
public sealed record ApplicationDto(
    long Id,
    long CandidateId,
    bool Prospect,
    DateTimeOffset AppliedAt,
    DateTimeOffset? RejectedAt,
    DateTimeOffset LastActivityAt,
    AddressDto? Location,
    SourceDto? Source,
    UserRefDto? CreditedTo,
    UserRefDto? Recruiter,
    UserRefDto? Coordinator,
    RejectionReasonDto? RejectionReason,
    RejectionDetailsDto? RejectionDetails,
    IReadOnlyList<JobRefDto> Jobs,
    long? JobPostId,
    string Status,
    StageRefDto? CurrentStage,
    IReadOnlyList<AnswerDto> Answers,
    OfficeRefDto? ProspectiveOffice,
    DepartmentDto? ProspectiveDepartment,
    ProspectDetailDto ProspectDetail,
    IReadOnlyDictionary<string, string?> CustomFields,
    IReadOnlyDictionary<string, string?> KeyedCustomFields,
    IReadOnlyList<AttachmentDto> Attachments);

public sealed record AddressDto(string Address);

public sealed record SourceDto(long Id, string PublicName);

public sealed record RejectionReasonDto(long Id, string Name, RejectionTypeDto Type);

public sealed record RejectionTypeDto(long Id, string Name);

public sealed record RejectionDetailsDto(IReadOnlyDictionary<string, string?> CustomFields, IReadOnlyDictionary<string, string?> KeyedCustomFields);

public sealed record JobRefDto(long Id, string Name);

public sealed record StageRefDto(long Id, string Name);

public sealed record AnswerDto(string Question, string Answer);

public sealed record ProspectDetailDto(ProspectPoolDto? ProspectPool, ProspectPoolDto? ProspectStage, UserRefDto? ProspectOwner);

public sealed record ProspectPoolDto(long Id, string Name);
