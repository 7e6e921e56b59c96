using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox;

/// <summary>
/// Per-organization Harvest v3 settings and quirk switches. Immutable: change them with
/// <see cref="SandboxOrganization.V3Options"/> (<c>org.V3Options = org.V3Options with { ... }</c>).
/// </summary>
public sealed record HarvestV3Options
{
    /// <summary>The <c>X-RateLimit-Limit</c> advertised when the sandbox does not know the caller's credential.</summary>
    public const int DefaultRateLimit = 75;

    /// <summary>v3 requests per 30-second window per client id (docs/HARVEST-CONTRACT.md §4: 75 is the docs' example). null or 0 = off.</summary>
    public int? RateLimit { get; init; } = DefaultRateLimit;

    /// <summary>Token requests per 60-second window per client id (docs/HARVEST-CONTRACT.md §4). null or 0 = off. The value is assumed.</summary>
    public int? TokenRateLimit { get; init; } = 60;

    /// <summary>Access-token lifetime (docs/HARVEST-CONTRACT.md §11: one hour). Tests may use very short ones.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a rotated-out client secret keeps working (docs/HARVEST-CONTRACT.md §11: "up to a week").</summary>
    public TimeSpan SecretRotationGrace { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Reported behaviour (docs/HARVEST-CONTRACT.md §11): list endpoints return nothing unless the token's <c>sub</c> is a Site Admin.
    /// Off: every user sees every row.
    /// </summary>
    public bool ListsRequireSiteAdmin { get; init; } = true;

    /// <summary>
    /// What a non-Site-Admin <c>sub</c> gets from a list while <see cref="ListsRequireSiteAdmin"/> is on. The docs say such
    /// users "will not return results" (an empty 200); Airbyte maps a 403 to "not a Site Admin". Clients must handle both.
    /// </summary>
    public V3NonSiteAdminLists NonSiteAdminLists { get; init; } = V3NonSiteAdminLists.Empty;

    /// <summary>
    /// docs/HARVEST-CONTRACT.md §11: a confidential job is visible only to a <c>sub</c> on its hiring team (a job owner of any
    /// type or a hiring manager); for anyone else the job and every row that belongs to it are left out of the lists.
    /// </summary>
    public bool HideConfidentialJobs { get; init; } = true;

    /// <summary>
    /// Greenhouse's newer v3 schema gives applications a <c>job_interview_stage_id</c> (the current job interview stage,
    /// null for prospects and terminal applications); the older one does not. Off: the field is absent.
    /// </summary>
    public bool ApplicationsCarryJobInterviewStageId { get; init; }

    /// <summary>Which expiry field the token response carries (docs/HARVEST-CONTRACT.md §11 token-response quirk).</summary>
    public V3TokenExpiryField TokenExpiryField { get; init; } = V3TokenExpiryField.ExpiresIn;

    /// <summary>How the token endpoint words its errors (docs/HARVEST-CONTRACT.md §11: RFC 6749 or message form).</summary>
    public V3TokenErrorStyle TokenErrorStyle { get; init; } = V3TokenErrorStyle.Rfc6749;
}

/// <summary>A v3 list read by a <c>sub</c> who is not a Site Admin (the public docs are ambiguous).</summary>
public enum V3NonSiteAdminLists
{
    /// <summary>200 with an empty list and no Link ("will not return results").</summary>
    [JsonStringEnumMemberName("empty")] Empty,

    /// <summary>403 <c>{"message": ...}</c> naming the Site Admin requirement.</summary>
    [JsonStringEnumMemberName("forbidden")] Forbidden,
}

/// <summary>The expiry member of a token response (docs/HARVEST-CONTRACT.md §11: clients should read all of them).</summary>
public enum V3TokenExpiryField
{
    /// <summary><c>"expires_in": 3600</c> (seconds), as auth.greenhouse.io sends it (S9).</summary>
    [JsonStringEnumMemberName("expires_in")] ExpiresIn,

    /// <summary><c>"expires": 3600</c> (seconds), as the transition endpoint sends it (S9; the unit is assumed).</summary>
    [JsonStringEnumMemberName("expires")] Expires,

    /// <summary><c>"expires_at": "2026-11-28T13:00:00.000Z"</c> (ISO-8601 UTC), what S7's client reads (format assumed).</summary>
    [JsonStringEnumMemberName("expires_at")] ExpiresAt,

    /// <summary><c>"expires_at": 1795870800</c> (epoch seconds), the other plausible reading of S7.</summary>
    [JsonStringEnumMemberName("expires_at_epoch")] ExpiresAtEpoch,

    /// <summary>No expiry member at all (clients should then assume one hour, docs/HARVEST-CONTRACT.md §11).</summary>
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>Token-endpoint error bodies (docs/HARVEST-CONTRACT.md §11).</summary>
public enum V3TokenErrorStyle
{
    /// <summary>RFC 6749 §5.2: <c>{"error":"invalid_client","error_description":"..."}</c>.</summary>
    [JsonStringEnumMemberName("rfc6749")] Rfc6749,

    /// <summary><c>{"message":"...","errorId":"..."}</c>; 400s echo the client id in the message (S9).</summary>
    [JsonStringEnumMemberName("message")] Message,
}
