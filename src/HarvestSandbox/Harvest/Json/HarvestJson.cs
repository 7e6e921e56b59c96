using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GemScheduling.HarvestSandbox.Harvest.Json;

/// <summary>
/// Type metadata for Harvest responses: the source-generated context, with HTML characters written as they are
/// (<c>"&lt;p&gt;"</c>, not <c>"\u003Cp\u003E"</c>) as Greenhouse does in notes, kits and job content.
/// </summary>
internal static class HarvestJson
{
    public static readonly JsonSerializerOptions Options = new(HarvestJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<ActivityFeedDto> ActivityFeedDto { get; } = Get<ActivityFeedDto>();

    public static JsonTypeInfo<EmailDto> EmailDto { get; } = Get<EmailDto>();

    public static JsonTypeInfo<JobDto> JobDto { get; } = Get<JobDto>();

    public static JsonTypeInfo<JobPostDto> JobPostDto { get; } = Get<JobPostDto>();

    public static JsonTypeInfo<List<ApplicationDto>> ListApplicationDto { get; } = Get<List<ApplicationDto>>();

    public static JsonTypeInfo<List<CandidateDto>> ListCandidateDto { get; } = Get<List<CandidateDto>>();

    public static JsonTypeInfo<List<JobDto>> ListJobDto { get; } = Get<List<JobDto>>();

    public static JsonTypeInfo<List<JobPostDto>> ListJobPostDto { get; } = Get<List<JobPostDto>>();

    public static JsonTypeInfo<List<JobStageDto>> ListJobStageDto { get; } = Get<List<JobStageDto>>();

    public static JsonTypeInfo<List<OfficeDto>> ListOfficeDto { get; } = Get<List<OfficeDto>>();

    public static JsonTypeInfo<List<ScheduledInterviewDto>> ListScheduledInterviewDto { get; } = Get<List<ScheduledInterviewDto>>();

    public static JsonTypeInfo<List<UserDto>> ListUserDto { get; } = Get<List<UserDto>>();

    public static JsonTypeInfo<MessageBody> MessageBody { get; } = Get<MessageBody>();

    public static JsonTypeInfo<NoteDto> NoteDto { get; } = Get<NoteDto>();

    public static JsonTypeInfo<ScheduledInterviewDto> ScheduledInterviewDto { get; } = Get<ScheduledInterviewDto>();

    public static JsonTypeInfo<ValidationErrorBody> ValidationErrorBody { get; } = Get<ValidationErrorBody>();

    private static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
