namespace GemScheduling.HarvestSandbox.Admin.Http;

// Request and response bodies of /_admin that differ from the in-process records.

public sealed record CreateOrganizationRequest(
    string? Name, int? Seed, string? Scale, int? RateLimit, RateLimitStyle? RateLimitStyle, bool? RepeatedLinkParams,
    DateOnly? ReferenceDate, bool? CreateKey);

public sealed record OrganizationCreated(OrganizationInfo Organization, SandboxApiKey? ApiKey);

public sealed record CreateKeyRequest(IReadOnlyList<string>? Permissions, string? Description);

public sealed record RateLimitRequest(int? Limit, RateLimitStyle? Style);

public sealed record QuirksRequest(bool? RepeatedLinkParams);

public sealed record QuirksView(bool RepeatedLinkParams);

public sealed record FlagRequest(bool Value);

public sealed record MoveApplicationRequest(long StageId);

public sealed record RejectApplicationRequest(string? Reason);

public sealed record AvailabilityWindowRequest(DateOnly Date, string Start, string End);

/// <summary>Either structured windows (with time_zone) or a raw <c>body</c>.</summary>
public sealed record AvailabilityRequest(string? TimeZone, IReadOnlyList<AvailabilityWindowRequest>? Windows, IReadOnlyList<string>? ExtraLines, string? Body);

public sealed record IdResponse(long Id);

public sealed record FingerprintResponse(string OrganizationId, string Fingerprint);

public sealed record MessageResponse(string Message);

/// <summary>A fault rule over HTTP: durations in milliseconds; kind as in <see cref="FaultRule.KindName"/>.</summary>
public sealed record FaultRuleRequest(
    string Kind, string? Endpoint, string? Method, double? Rate, int? MaxOccurrences, int? LatencyMs, int? LatencyMaxMs, int? HoldMs);

public sealed record FaultRuleView(
    string Id, FaultKind Kind, string Endpoint, string? Method, double Rate, int? MaxOccurrences, double? LatencyMs,
    double? LatencyMaxMs, double? HoldMs, int Served, int? Remaining)
{
    public static FaultRuleView From(FaultRuleStatus s) =>
        new(s.Rule.Id!, s.Rule.Kind, s.Rule.Endpoint, s.Rule.Method, s.Rule.Rate, s.Rule.MaxOccurrences,
            s.Rule.Latency?.TotalMilliseconds, s.Rule.LatencyMax?.TotalMilliseconds, s.Rule.Hold?.TotalMilliseconds, s.Served, s.Remaining);
}

public sealed record PermissionView(string Id, string DisplayName, string Method, string PathTemplate, bool Required);

public sealed record AdminIndex(IReadOnlyList<OrganizationInfo> Organizations, IReadOnlyList<PermissionView> Permissions);
