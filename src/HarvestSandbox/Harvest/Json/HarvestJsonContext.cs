using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox.Harvest.Json;

/// <summary>Source-generated serializer for the Harvest surface: snake_case, nulls always written (docs/HARVEST-CONTRACT.md §5).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = new[] { typeof(HarvestTimestampConverter) })]
[JsonSerializable(typeof(List<ApplicationDto>))]
[JsonSerializable(typeof(List<CandidateDto>))]
[JsonSerializable(typeof(List<UserDto>))]
[JsonSerializable(typeof(List<JobDto>))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(List<JobPostDto>))]
[JsonSerializable(typeof(JobPostDto))]
[JsonSerializable(typeof(List<JobStageDto>))]
[JsonSerializable(typeof(List<OfficeDto>))]
[JsonSerializable(typeof(List<ScheduledInterviewDto>))]
[JsonSerializable(typeof(ScheduledInterviewDto))]
[JsonSerializable(typeof(NoteDto))]
[JsonSerializable(typeof(EmailDto))]
[JsonSerializable(typeof(ActivityFeedDto))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(ValidationErrorBody))]
internal sealed partial class HarvestJsonContext : JsonSerializerContext;
