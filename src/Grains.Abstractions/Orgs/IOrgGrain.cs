using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace GemScheduling.Orgs;

/// <summary>
/// A recruiting team (the tenant): its API tokens and its Greenhouse connection. Keyed by the org id. Connecting and
/// verifying run here, so the credential never leaves the grain and two connects cannot race; reads interleave with
/// them, so token checks never wait on Greenhouse.
/// </summary>
[Alias("gs.org")]
public interface IOrgGrain : IGrainWithStringKey
{
    [Alias("create")]
    Task<OrgView> Create(string name, string actor);

    /// <summary>Null when no org with this id was created.</summary>
    [Alias("get"), AlwaysInterleave]
    Task<OrgView?> Get();

    [Alias("issue-token")]
    Task<IssuedApiToken> IssueToken(IssueApiToken command);

    [Alias("list-tokens"), AlwaysInterleave]
    Task<IReadOnlyList<ApiTokenView>> ListTokens();

    [Alias("revoke-token")]
    Task<bool> RevokeToken(string tokenId, string actor);

    /// <summary>What the token may do, when it exists, is neither revoked nor expired and its secret matches; else null. Writes nothing.</summary>
    [Alias("authenticate"), AlwaysInterleave]
    Task<TokenGrant?> Authenticate(string tokenId, string secret);

    /// <summary>Checks the credential and every permission with Greenhouse, then stores it encrypted; starts the first sync.</summary>
    [Alias("connect-greenhouse")]
    Task<GreenhouseConnectionView> ConnectGreenhouse(ConnectGreenhouse command, string actor);

    /// <summary>Checks every permission of the stored credential now and records the report.</summary>
    [Alias("verify-greenhouse")]
    Task<PermissionReport> VerifyGreenhouse(string actor);

    /// <summary>The connection without its secret; null when not connected.</summary>
    [Alias("connection"), AlwaysInterleave]
    Task<GreenhouseConnectionView?> GetConnection();

    [Alias("set-email-template")]
    Task<EmailTemplate> SetEmailTemplate(string kind, string subject, string body, string actor);

    /// <summary>The org's templates, defaults where the org has not set its own.</summary>
    [Alias("email-templates"), AlwaysInterleave]
    Task<IReadOnlyList<EmailTemplate>> GetEmailTemplates();

    [Alias("set-scheduling-defaults")]
    Task<Interviewers.SchedulingDefaults> SetSchedulingDefaults(Interviewers.SchedulingDefaults defaults, string actor);

    [Alias("scheduling-defaults"), AlwaysInterleave]
    Task<Interviewers.SchedulingDefaults> GetSchedulingDefaults();

    [Alias("set-availability-link-policy")]
    Task<AvailabilityLinkPolicy> SetAvailabilityLinkPolicy(AvailabilityLinkPolicy policy, string actor);

    [Alias("availability-link-policy"), AlwaysInterleave]
    Task<AvailabilityLinkPolicy> GetAvailabilityLinkPolicy();

    /// <summary>What a caller inside the cluster needs to talk to Greenhouse; the credential stays encrypted.</summary>
    [Alias("access"), AlwaysInterleave]
    Task<GreenhouseAccess?> GetGreenhouseAccess();
}

[GenerateSerializer, Immutable, Alias("gs.org-view")]
public sealed record OrgView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool GreenhouseConnected);

[GenerateSerializer, Immutable, Alias("gs.api-token-view")]
public sealed record ApiTokenView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset? LastUsedAt,
    [property: Id(5)] DateTimeOffset? RevokedAt,
    [property: Id(6)] TokenRole Role = TokenRole.Admin,
    [property: Id(7)] DateTimeOffset? ExpiresAt = null);

/// <summary>
/// How the org's candidate links behave: whether an availability link stops working once the candidate has answered, how
/// long links last by default, which times a candidate may offer or book (no sooner than the notice, no later than the
/// horizon), and until how long before the first interview a candidate may move or cancel what they booked.
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.availability-link-policy")]
public sealed record AvailabilityLinkPolicy(
    [property: Id(0)] bool ExpireOnSubmission,
    [property: Id(1)] double DefaultLifetimeHours,
    [property: Id(2)] double MinimumNoticeHours = AvailabilityLinkPolicy.StandardNoticeHours,
    [property: Id(3)] int HorizonDays = AvailabilityLinkPolicy.StandardHorizonDays,
    [property: Id(4)] int BookingChangeCutoffHours = AvailabilityLinkPolicy.StandardChangeCutoffHours)
{
    public const double StandardNoticeHours = 24;
    public const int StandardHorizonDays = 28;
    public const int StandardChangeCutoffHours = 24;

    public static readonly AvailabilityLinkPolicy Standard = new(ExpireOnSubmission: false, DefaultLifetimeHours: 72);
}

/// <summary>What an org's API token may do; each role includes the ones before it.</summary>
[GenerateSerializer, Alias("gs.token-role")]
public enum TokenRole
{
    /// <summary>Reads only.</summary>
    [JsonStringEnumMemberName("read")] Read = 0,
    /// <summary>Schedules, availability, suggestions, interviewer settings, syncs.</summary>
    [JsonStringEnumMemberName("coordinator")] Coordinator = 1,
    /// <summary>Tokens, the Greenhouse connection, templates and org settings, and everything else.</summary>
    [JsonStringEnumMemberName("admin")] Admin = 2,
}

/// <summary>An authenticated token's rights.</summary>
[GenerateSerializer, Immutable, Alias("gs.token-grant")]
public sealed record TokenGrant([property: Id(0)] TokenRole Role, [property: Id(1)] DateTimeOffset? ExpiresAt);

/// <summary>
/// Issue a token: never with more rights than the issuer's (<see cref="IssuerRole"/>, null for the operator's admin
/// token), and never outliving the issuer's own expiry.
/// </summary>
[GenerateSerializer, Immutable, Alias("gs.issue-api-token")]
public sealed record IssueApiToken(
    [property: Id(0)] string Name,
    [property: Id(1)] TokenRole Role,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] string Actor,
    [property: Id(4)] TokenGrant? Issuer = null);

/// <summary>A new token; <see cref="Token"/> is shown this once and never stored in clear.</summary>
[GenerateSerializer, Immutable, Alias("gs.issued-api-token")]
public sealed record IssuedApiToken([property: Id(0)] ApiTokenView View, [property: Id(1)] string Token);
