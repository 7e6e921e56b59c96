using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>Source-generated serializer for the v3 surface: snake_case, nulls written, instants as <c>…Z</c> with milliseconds.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = new[] { typeof(HarvestTimestampConverter) })]
[JsonSerializable(typeof(List<V3ApplicationDto>))]
[JsonSerializable(typeof(List<V3ApplicationStageDto>))]
[JsonSerializable(typeof(List<V3CandidateDto>))]
[JsonSerializable(typeof(List<V3UserDto>))]
[JsonSerializable(typeof(List<V3InterviewDto>))]
[JsonSerializable(typeof(V3InterviewDto))]
[JsonSerializable(typeof(List<V3InterviewerDto>))]
[JsonSerializable(typeof(List<V3NoteDto>))]
[JsonSerializable(typeof(V3NoteDto))]
[JsonSerializable(typeof(List<V3JobDto>))]
[JsonSerializable(typeof(List<V3JobPostDto>))]
[JsonSerializable(typeof(List<V3JobInterviewStageDto>))]
[JsonSerializable(typeof(List<V3JobInterviewDto>))]
[JsonSerializable(typeof(List<V3DefaultInterviewerDto>))]
[JsonSerializable(typeof(List<V3OfficeDto>))]
[JsonSerializable(typeof(List<V3InterviewKitDto>))]
[JsonSerializable(typeof(List<V3JobOwnerDto>))]
[JsonSerializable(typeof(List<V3JobHiringManagerDto>))]
[JsonSerializable(typeof(List<V3DepartmentDto>))]
[JsonSerializable(typeof(List<V3UserEmailDto>))]
[JsonSerializable(typeof(V3ErrorsBody))]
[JsonSerializable(typeof(V3ValidationErrorBody))]
internal sealed partial class HarvestV3JsonContext : JsonSerializerContext;

/// <summary>Type metadata for v3 responses (HTML characters written as they are, as in v1).</summary>
internal static class HarvestV3Json
{
    public static readonly JsonSerializerOptions Options = new(HarvestV3JsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Applications without <c>job_interview_stage_id</c>, the older v3 schema (<see cref="HarvestV3Options.ApplicationsCarryJobInterviewStageId"/> off).</summary>
    private static readonly JsonSerializerOptions WithoutApplicationStage = new(Options)
    {
        TypeInfoResolver = HarvestV3JsonContext.Default.WithAddedModifier(info =>
        {
            if (info.Type == typeof(V3ApplicationDto) && info.Properties.FirstOrDefault(p => p.Name == "job_interview_stage_id") is { } stage)
            {
                info.Properties.Remove(stage);
            }
        }),
    };

    public static JsonTypeInfo<List<V3ApplicationDto>> ListV3ApplicationDto { get; } = Get<List<V3ApplicationDto>>();
    public static JsonTypeInfo<List<V3ApplicationDto>> ListV3ApplicationDtoWithoutStage { get; } =
        (JsonTypeInfo<List<V3ApplicationDto>>)WithoutApplicationStage.GetTypeInfo(typeof(List<V3ApplicationDto>));
    public static JsonTypeInfo<List<V3ApplicationStageDto>> ListV3ApplicationStageDto { get; } = Get<List<V3ApplicationStageDto>>();
    public static JsonTypeInfo<List<V3CandidateDto>> ListV3CandidateDto { get; } = Get<List<V3CandidateDto>>();
    public static JsonTypeInfo<List<V3UserDto>> ListV3UserDto { get; } = Get<List<V3UserDto>>();
    public static JsonTypeInfo<List<V3InterviewDto>> ListV3InterviewDto { get; } = Get<List<V3InterviewDto>>();
    public static JsonTypeInfo<V3InterviewDto> V3InterviewDto { get; } = Get<V3InterviewDto>();
    public static JsonTypeInfo<List<V3InterviewerDto>> ListV3InterviewerDto { get; } = Get<List<V3InterviewerDto>>();
    public static JsonTypeInfo<List<V3NoteDto>> ListV3NoteDto { get; } = Get<List<V3NoteDto>>();
    public static JsonTypeInfo<V3NoteDto> V3NoteDto { get; } = Get<V3NoteDto>();
    public static JsonTypeInfo<List<V3JobDto>> ListV3JobDto { get; } = Get<List<V3JobDto>>();
    public static JsonTypeInfo<List<V3JobPostDto>> ListV3JobPostDto { get; } = Get<List<V3JobPostDto>>();
    public static JsonTypeInfo<List<V3JobInterviewStageDto>> ListV3JobInterviewStageDto { get; } = Get<List<V3JobInterviewStageDto>>();
    public static JsonTypeInfo<List<V3JobInterviewDto>> ListV3JobInterviewDto { get; } = Get<List<V3JobInterviewDto>>();
    public static JsonTypeInfo<List<V3DefaultInterviewerDto>> ListV3DefaultInterviewerDto { get; } = Get<List<V3DefaultInterviewerDto>>();
    public static JsonTypeInfo<List<V3OfficeDto>> ListV3OfficeDto { get; } = Get<List<V3OfficeDto>>();
    public static JsonTypeInfo<List<V3InterviewKitDto>> ListV3InterviewKitDto { get; } = Get<List<V3InterviewKitDto>>();
    public static JsonTypeInfo<List<V3JobOwnerDto>> ListV3JobOwnerDto { get; } = Get<List<V3JobOwnerDto>>();
    public static JsonTypeInfo<List<V3JobHiringManagerDto>> ListV3JobHiringManagerDto { get; } = Get<List<V3JobHiringManagerDto>>();
    public static JsonTypeInfo<List<V3DepartmentDto>> ListV3DepartmentDto { get; } = Get<List<V3DepartmentDto>>();
    public static JsonTypeInfo<List<V3UserEmailDto>> ListV3UserEmailDto { get; } = Get<List<V3UserEmailDto>>();
    public static JsonTypeInfo<V3ErrorsBody> V3ErrorsBody { get; } = Get<V3ErrorsBody>();
    public static JsonTypeInfo<V3ValidationErrorBody> V3ValidationErrorBody { get; } = Get<V3ValidationErrorBody>();

    private static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
