namespace GemScheduling.HarvestSandbox.Admin.Http;

// Request and response bodies of /_admin that differ from the in-process records.

public sealed record CreateOrganizationRequest(
    string? Name, int? Seed, string? Scale, int? RateLimit, RateLimitStyle? RateLimitStyle, bool? RepeatedLinkParams,
    DateOnly? ReferenceDate, bool? CreateKey)
{
    /// <summary>Harvest v3 settings of the new org (omitted members keep their defaults).</summary>
    public V3OptionsRequest? V3 { get; init; }

    /// <summary>Also create an all-scope v3 OAuth client (default false).</summary>
    public bool? CreateV3Credentials { get; init; }
}

public sealed record OrganizationCreated(OrganizationInfo Organization, SandboxApiKey? ApiKey)
{
    public SandboxV3Credentials? V3Credentials { get; init; }
}

public sealed record CreateKeyRequest(IReadOnlyList<string>? Permissions, string? Description);

public sealed record RateLimitRequest(int? Limit, RateLimitStyle? Style);

public sealed record QuirksRequest(bool? RepeatedLinkParams);

public sealed record QuirksView(bool RepeatedLinkParams);

public sealed record FlagRequest(bool Value);

public sealed record MoveApplicationRequest(long StageId);

public sealed record AddJobOwnerRequest(long UserId, JobOwnerType Type, bool? Responsible);

public sealed record AddHiringManagerRequest(long UserId);

public sealed record EmailVerificationRequest(string Email, bool Verified);

public sealed record RejectApplicationRequest(string? Reason);

public sealed record AvailabilityWindowRequest(DateOnly Date, string Start, string End);

/// <summary>Either structured windows (with time_zone) or a raw <c>body</c>.</summary>
public sealed record AvailabilityRequest(string? TimeZone, IReadOnlyList<AvailabilityWindowRequest>? Windows, IReadOnlyList<string>? ExtraLines, string? Body);

public sealed record IdResponse(long Id);

public sealed record FingerprintResponse(string OrganizationId, string Fingerprint);

public sealed record MessageResponse(string Message);

/// <summary>A fault rule over HTTP: durations in milliseconds; kind as in <see cref="FaultRule.KindName"/>.</summary>
public sealed record FaultRuleRequest(
    string Kind, string? Endpoint, string? Method, double? Rate, int? MaxOccurrences, int? LatencyMs, int? LatencyMaxMs, int? HoldMs,
    string? Target = null, long? BodyBytes = null, bool? ChunkedBody = null, int? Count = null);

public sealed record FaultRuleView(
    string Id, FaultKind Kind, string Endpoint, string? Method, double Rate, int? MaxOccurrences, double? LatencyMs,
    double? LatencyMaxMs, double? HoldMs, int Served, int? Remaining, string? Target, long? BodyBytes, bool ChunkedBody, int? Count)
{
    public static FaultRuleView From(FaultRuleStatus s) =>
        new(s.Rule.Id!, s.Rule.Kind, s.Rule.Endpoint, s.Rule.Method, s.Rule.Rate, s.Rule.MaxOccurrences,
            s.Rule.Latency?.TotalMilliseconds, s.Rule.LatencyMax?.TotalMilliseconds, s.Rule.Hold?.TotalMilliseconds, s.Served, s.Remaining,
            s.Rule.Target, s.Rule.BodyBytes, s.Rule.ChunkedBody, s.Rule.Count);
}

public sealed record PermissionView(string Id, string DisplayName, string Method, string PathTemplate, bool Required);

public sealed record AdminIndex(IReadOnlyList<OrganizationInfo> Organizations, IReadOnlyList<PermissionView> Permissions);

public sealed record CreateV3CredentialsRequest(IReadOnlyList<string>? Scopes, string? Description);

public sealed record RotateV3SecretRequest(double? GraceSeconds);

/// <summary>Harvest v3 settings over HTTP: durations in seconds; a limit of 0 turns that rate limiting off.</summary>
public sealed record V3OptionsView(
    int? RateLimit, int? TokenRateLimit, double TokenLifetimeSeconds, double SecretRotationGraceSeconds, bool ListsRequireSiteAdmin,
    bool HideConfidentialJobs, V3TokenExpiryField TokenExpiryField, V3TokenErrorStyle TokenErrorStyle,
    V3NonSiteAdminLists NonSiteAdminLists, bool ApplicationsCarryJobInterviewStageId)
{
    public static V3OptionsView From(HarvestV3Options o) =>
        new(o.RateLimit, o.TokenRateLimit, o.TokenLifetime.TotalSeconds, o.SecretRotationGrace.TotalSeconds, o.ListsRequireSiteAdmin,
            o.HideConfidentialJobs, o.TokenExpiryField, o.TokenErrorStyle, o.NonSiteAdminLists, o.ApplicationsCarryJobInterviewStageId);
}

/// <summary>A change to the v3 settings; omitted (null) members stay as they are.</summary>
public sealed record V3OptionsRequest(
    int? RateLimit, int? TokenRateLimit, double? TokenLifetimeSeconds, double? SecretRotationGraceSeconds, bool? ListsRequireSiteAdmin,
    bool? HideConfidentialJobs, V3TokenExpiryField? TokenExpiryField, V3TokenErrorStyle? TokenErrorStyle)
{
    public V3NonSiteAdminLists? NonSiteAdminLists { get; init; }

    public bool? ApplicationsCarryJobInterviewStageId { get; init; }

    public HarvestV3Options ApplyTo(HarvestV3Options o) => o with
    {
        RateLimit = RateLimit is { } limit ? (limit > 0 ? limit : null) : o.RateLimit,
        TokenRateLimit = TokenRateLimit is { } tokenLimit ? (tokenLimit > 0 ? tokenLimit : null) : o.TokenRateLimit,
        TokenLifetime = TokenLifetimeSeconds is { } lifetime ? TimeSpan.FromSeconds(lifetime) : o.TokenLifetime,
        SecretRotationGrace = SecretRotationGraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : o.SecretRotationGrace,
        ListsRequireSiteAdmin = ListsRequireSiteAdmin ?? o.ListsRequireSiteAdmin,
        HideConfidentialJobs = HideConfidentialJobs ?? o.HideConfidentialJobs,
        TokenExpiryField = TokenExpiryField ?? o.TokenExpiryField,
        TokenErrorStyle = TokenErrorStyle ?? o.TokenErrorStyle,
        NonSiteAdminLists = NonSiteAdminLists ?? o.NonSiteAdminLists,
        ApplicationsCarryJobInterviewStageId = ApplicationsCarryJobInterviewStageId ?? o.ApplicationsCarryJobInterviewStageId,
    };
}
