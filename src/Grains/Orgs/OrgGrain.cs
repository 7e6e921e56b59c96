using System.Security.Cryptography;
using System.Text;
using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse.Connect;
using GemScheduling.Orgs.Events;
using GemScheduling.Persistence.Orgs;
using GemScheduling.Sync;
using Orleans.Providers;

namespace GemScheduling.Orgs;

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class OrgGrain(TimeProvider time, GreenhouseConnections connections, SyncOptions syncOptions, IOrgDirectory directory)
    : EventSourcedGrain<OrgState, OrgEvent>, IOrgGrain
{
    /// <summary>Live (unrevoked, unexpired) tokens an org may hold.</summary>
    public const int MaxLiveTokens = 100;

    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    protected override string StreamCategory => "org";

    private string OrgId => this.GetPrimaryKeyString();

    public async Task<OrgView> Create(string name, string actor)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            throw new ValidationFailedException("name", "An org needs a name of 1 to 200 characters.");
        if (!ApiTokens.IsOrgId(OrgId))
            throw new ValidationFailedException("id", "Not an org id GemScheduling makes.");
        // Listed first: an org that exists is always in the directory (an id listed without an org is harmless).
        await directory.AddAsync(OrgId);
        await ExecuteAsync(state => state.Exists
            ? throw new ConflictException($"Org {OrgId} already exists.")
            : [new OrgCreated(name.Trim(), time.GetUtcNow(), actor)], actor);
        return View();
    }

    public Task<OrgView?> Get() => Task.FromResult(State.Exists ? View() : null);

    public async Task<IssuedApiToken> IssueToken(IssueApiToken command)
    {
        RequireExists();
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 100)
            errors["name"] = ["A token needs a name of 1 to 100 characters."];
        if (command.Issuer is { } issuer && command.Role > issuer.Role)
            errors["role"] = [$"A {Wire(issuer.Role)} token cannot issue a token with more rights ({Wire(command.Role)})."];
        if (command.ExpiresAt is { } expires && (expires <= now || expires > now + MaxLifetime))
            errors["expiresAt"] = ["Must be in the future and at most a year ahead."];
        else if (command.Issuer?.ExpiresAt is { } issuerExpiry && (command.ExpiresAt is null || command.ExpiresAt > issuerExpiry))
            errors["expiresAt"] = [$"A token that expires cannot issue one that outlives it: expire by {issuerExpiry:u}."];
        if (State.Tokens.Values.Count(t => t.IsLive(now)) >= MaxLiveTokens)
            errors["name"] = [$"An org holds at most {MaxLiveTokens} live tokens; revoke some first."];
        if (errors.Count > 0)
            throw new ValidationFailedException(errors);

        var tokenId = "tok_" + ApiTokens.RandomId(12);
        var secret = ApiTokens.RandomSecret();
        await ExecuteAsync(_ => [new ApiTokenIssued(tokenId, command.Name.Trim(), ApiTokens.Hash(secret), now, command.Actor, command.Role, command.ExpiresAt)], command.Actor);
        return new IssuedApiToken(State.Tokens[tokenId].ToView(), ApiTokens.Format(OrgId, tokenId, secret));
    }

    public Task<IReadOnlyList<ApiTokenView>> ListTokens() =>
        Task.FromResult<IReadOnlyList<ApiTokenView>>(State.Tokens.Values.OrderBy(t => t.CreatedAt).Select(t => t.ToView()).ToList());

    public async Task<bool> RevokeToken(string tokenId, string actor)
    {
        RequireExists();
        if (!State.Tokens.TryGetValue(tokenId, out var token))
            return false;
        if (token.RevokedAt is null)
            await ExecuteAsync(s => s.Tokens[tokenId].RevokedAt is null ? [new ApiTokenRevoked(tokenId, time.GetUtcNow(), actor)] : [], actor);
        return true;
    }

    public Task<TokenGrant?> Authenticate(string tokenId, string secret) =>
        Task.FromResult(State.Exists && State.Tokens.TryGetValue(tokenId, out var token) && token.IsLive(time.GetUtcNow()) &&
                        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(ApiTokens.Hash(secret)))
            ? new TokenGrant(token.Role, token.ExpiresAt)
            : null);

    public async Task<GreenhouseConnectionView> ConnectGreenhouse(ConnectGreenhouse command, string actor)
    {
        RequireExists();
        var firstConnection = State.Connection is null;
        var connection = await connections.ConnectAsync(OrgId, command, State.Connection, CancellationToken.None);
        await ExecuteAsync(_ => [new GreenhouseConnected(connection, time.GetUtcNow(), actor)], actor);
        var sync = GrainFactory.Grain<ISyncGrain>(OrgId);
        if (firstConnection && syncOptions.StartOnConnect)
            await sync.Start(SyncMode.Full, actor);
        else
            await sync.EnsureScheduled();
        return ConnectionView()!;
    }

    public async Task<PermissionReport> VerifyGreenhouse(string actor)
    {
        RequireExists();
        var access = await GetGreenhouseAccess() ?? throw new ResourceNotFoundException("Greenhouse is not connected for this org.");
        var report = await connections.VerifyAsync(access, CancellationToken.None);
        await ExecuteAsync(_ => [new GreenhouseVerified(report, time.GetUtcNow(), actor)], actor);
        return report;
    }

    public async Task<EmailTemplate> SetEmailTemplate(string kind, string subject, string body, string actor)
    {
        RequireExists();
        var errors = new Dictionary<string, string[]>();
        if (!EmailTemplates.Kinds.Contains(kind))
            errors["kind"] = [$"Must be one of: {string.Join(", ", EmailTemplates.Kinds)}."];
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200 || subject.Contains('\n'))
            errors["subject"] = ["A subject of 1 to 200 characters on one line is required."];
        if (string.IsNullOrWhiteSpace(body) || body.Length > 20_000)
            errors["body"] = ["A body of 1 to 20,000 characters is required."];
        var unknown = EmailTemplates.UnknownPlaceholders(subject ?? "").Concat(EmailTemplates.UnknownPlaceholders(body ?? "")).Distinct().ToList();
        if (unknown.Count > 0)
            errors["body"] = [$"Unknown placeholders: {string.Join(", ", unknown)}. Available: {string.Join(", ", EmailTemplates.Placeholders)}."];
        if (errors.Count > 0)
            throw new ValidationFailedException(errors);
        await ExecuteAsync(_ => [new EmailTemplateSet(kind, subject!.Trim(), body!, time.GetUtcNow(), actor)], actor);
        return State.EmailTemplates[kind];
    }

    public Task<IReadOnlyList<EmailTemplate>> GetEmailTemplates() => Task.FromResult<IReadOnlyList<EmailTemplate>>(
        EmailTemplates.Kinds.Select(k => State.EmailTemplates.GetValueOrDefault(k) ?? EmailTemplates.Defaults[k]).ToList());

    public async Task<Interviewers.SchedulingDefaults> SetSchedulingDefaults(Interviewers.SchedulingDefaults defaults, string actor)
    {
        RequireExists();
        await ExecuteAsync(_ => [new SchedulingDefaultsSet(defaults, time.GetUtcNow(), actor)], actor);
        return State.SchedulingDefaults!;
    }

    public Task<Interviewers.SchedulingDefaults> GetSchedulingDefaults() =>
        Task.FromResult(State.SchedulingDefaults ?? Interviewers.SchedulingDefaults.Standard);

    public async Task<AvailabilityLinkPolicy> SetAvailabilityLinkPolicy(AvailabilityLinkPolicy policy, string actor)
    {
        RequireExists();
        if (policy.DefaultLifetimeHours is <= 0 or > 720 || double.IsNaN(policy.DefaultLifetimeHours))
            throw new ValidationFailedException("defaultLifetimeHours", "Between 0 and 720 hours (30 days).");
        if (policy.MinimumNoticeHours is < 0 or > 336 || double.IsNaN(policy.MinimumNoticeHours))
            throw new ValidationFailedException("minimumNoticeHours", "Between 0 and 336 hours (14 days).");
        if (policy.HorizonDays is < 1 or > 90)
            throw new ValidationFailedException("horizonDays", "Between 1 and 90 days.");
        if (policy.BookingChangeCutoffHours is < 0 or > 336)
            throw new ValidationFailedException("bookingChangeCutoffHours", "Between 0 and 336 hours (14 days).");
        if (policy.MinimumNoticeHours >= policy.HorizonDays * 24)
            throw new ValidationFailedException("minimumNoticeHours", "The notice must be shorter than the horizon, or no time could be offered.");
        await ExecuteAsync(_ => [new AvailabilityLinkPolicySet(policy, time.GetUtcNow(), actor)], actor);
        return State.AvailabilityLinkPolicy!;
    }

    public Task<AvailabilityLinkPolicy> GetAvailabilityLinkPolicy() => Task.FromResult(State.AvailabilityLinkPolicy ?? AvailabilityLinkPolicy.Standard);

    public Task<GreenhouseConnectionView?> GetConnection() => Task.FromResult(ConnectionView());

    public Task<GreenhouseAccess?> GetGreenhouseAccess() => Task.FromResult(State.Connection is { } c
        ? new GreenhouseAccess(OrgId, c.ApiVersion, c.BaseUrl, c.EncryptedCredential, c.Organizer, (State.LastVerification ?? c.Verification).Missing.ToList(),
            c.Reader?.UserId)
        : null);

    protected override void TransitionState(OrgState state, OrgEvent @event) => state.Apply(@event);

    private static string Wire(TokenRole role) => role.ToString().ToLowerInvariant();

    private OrgView View() => new(OrgId, State.Name, State.CreatedAt, State.Connection is not null);

    private GreenhouseConnectionView? ConnectionView() => State.Connection is { } c
        ? new GreenhouseConnectionView(c.ApiVersion, c.BaseUrl, c.CredentialLast4, c.Organizer, State.ConnectedAt!.Value, State.RotatedAt,
            State.LastVerification ?? c.Verification, c.Reader)
        : null;

    private void RequireExists()
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"Org {OrgId} does not exist.");
    }
}
