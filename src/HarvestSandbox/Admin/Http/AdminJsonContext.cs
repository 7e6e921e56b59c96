using System.Text.Json.Serialization;
using GemScheduling.HarvestSandbox.Harvest;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.Admin.Http;

/// <summary>/_admin JSON: snake_case like Harvest, enums as their snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    Converters = new[] { typeof(HarvestTimestampConverter) })]
[JsonSerializable(typeof(CreateOrganizationRequest))]
[JsonSerializable(typeof(OrganizationCreated))]
[JsonSerializable(typeof(OrganizationInfo))]
[JsonSerializable(typeof(IReadOnlyList<OrganizationInfo>))]
[JsonSerializable(typeof(AdminIndex))]
[JsonSerializable(typeof(IReadOnlyList<PermissionView>))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(SandboxApiKey))]
[JsonSerializable(typeof(IReadOnlyList<SandboxApiKey>))]
[JsonSerializable(typeof(RateLimitRequest))]
[JsonSerializable(typeof(QuirksRequest))]
[JsonSerializable(typeof(QuirksView))]
[JsonSerializable(typeof(FlagRequest))]
[JsonSerializable(typeof(NewUser))]
[JsonSerializable(typeof(NewCandidate))]
[JsonSerializable(typeof(CandidateApplicationIds))]
[JsonSerializable(typeof(CandidateChanges))]
[JsonSerializable(typeof(MoveApplicationRequest))]
[JsonSerializable(typeof(AddJobOwnerRequest))]
[JsonSerializable(typeof(AddHiringManagerRequest))]
[JsonSerializable(typeof(EmailVerificationRequest))]
[JsonSerializable(typeof(SandboxHiringTeam))]
[JsonSerializable(typeof(IReadOnlyList<SandboxHiringTeam>))]
[JsonSerializable(typeof(RejectApplicationRequest))]
[JsonSerializable(typeof(AvailabilityRequest))]
[JsonSerializable(typeof(NewInterviewStep))]
[JsonSerializable(typeof(NewUiInterview))]
[JsonSerializable(typeof(InterviewUiChanges))]
[JsonSerializable(typeof(IdResponse))]
[JsonSerializable(typeof(IReadOnlyList<SandboxInterview>))]
[JsonSerializable(typeof(IReadOnlyList<DeletedInterview>))]
[JsonSerializable(typeof(IReadOnlyList<SandboxNote>))]
[JsonSerializable(typeof(IReadOnlyList<SandboxEmail>))]
[JsonSerializable(typeof(IReadOnlyList<SandboxActivity>))]
[JsonSerializable(typeof(IReadOnlyList<CallRecord>))]
[JsonSerializable(typeof(OrganizationCounters))]
[JsonSerializable(typeof(FingerprintResponse))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(FaultRuleRequest))]
[JsonSerializable(typeof(FaultRuleView))]
[JsonSerializable(typeof(IReadOnlyList<FaultRuleView>))]
[JsonSerializable(typeof(IReadOnlyList<FaultEvent>))]
[JsonSerializable(typeof(SchedulingTarget))]
[JsonSerializable(typeof(ApplicationDto))]
[JsonSerializable(typeof(CandidateDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(IReadOnlyList<JobStageDto>))]
[JsonSerializable(typeof(CreateV3CredentialsRequest))]
[JsonSerializable(typeof(RotateV3SecretRequest))]
[JsonSerializable(typeof(V3OptionsView))]
[JsonSerializable(typeof(V3OptionsRequest))]
[JsonSerializable(typeof(SandboxV3Credentials))]
[JsonSerializable(typeof(IReadOnlyList<SandboxV3Credentials>))]
[JsonSerializable(typeof(IReadOnlyList<SandboxV3Token>))]
internal sealed partial class AdminJsonContext : JsonSerializerContext;
