using System.Security.Cryptography;
using System.Text;
using GemScheduling.EventSourcing;
using GemScheduling.Orgs.Events;
using Orleans.Providers;

namespace GemScheduling.Orgs;

[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed class OrgGrain(TimeProvider time) : EventSourcedGrain<OrgState, OrgEvent>, IOrgGrain
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    protected override string StreamCategory => "org";

    private string OrgId => this.GetPrimaryKeyString();

    public async Task<OrgView> Create(string name, string actor)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            throw new ValidationFailedException("name", "An org needs a name of 1 to 200 characters.");
        await ExecuteAsync(state => state.Exists
            ? throw new ConflictException($"Org {OrgId} already exists.")
            : [new OrgCreated(name.Trim(), time.GetUtcNow(), actor)], actor);
        return View();
    }

    public Task<OrgView?> Get() => Task.FromResult(State.Exists ? View() : null);

    public async Task<IssuedApiToken> IssueToken(string name, string actor)
    {
        RequireExists();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new ValidationFailedException("name", "A token needs a name of 1 to 100 characters.");
        var tokenId = "tok_" + ApiTokens.RandomId(12);
        var secret = ApiTokens.RandomSecret();
        await ExecuteAsync(_ => [new ApiTokenIssued(tokenId, name.Trim(), ApiTokens.Hash(secret), time.GetUtcNow(), actor)], actor);
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

    public async Task<bool> Authenticate(string tokenId, string secret)
    {
        if (!State.Exists || !State.Tokens.TryGetValue(tokenId, out var token) || token.RevokedAt is not null)
            return false;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(ApiTokens.Hash(secret))))
            return false;

        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
            await ExecuteAsync(_ => [new ApiTokenUsed(tokenId, now)]);
        return true;
    }

    public async Task<GreenhouseConnectionView> ConnectGreenhouse(GreenhouseConnection connection, string actor)
    {
        RequireExists();
        await ExecuteAsync(_ => [new GreenhouseConnected(connection, time.GetUtcNow(), actor)], actor);
        return ConnectionView()!;
    }

    public async Task<GreenhouseConnectionView> RecordVerification(PermissionReport report, string actor)
    {
        RequireExists();
        if (State.Connection is null)
            throw new ResourceNotFoundException("Greenhouse is not connected for this org.");
        await ExecuteAsync(_ => [new GreenhouseVerified(report, time.GetUtcNow(), actor)], actor);
        return ConnectionView()!;
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

    public Task<GreenhouseConnectionView?> GetConnection() => Task.FromResult(ConnectionView());

    public Task<GreenhouseAccess?> GetGreenhouseAccess() => Task.FromResult(State.Connection is { } c
        ? new GreenhouseAccess(OrgId, c.ApiVersion, c.BaseUrl, c.EncryptedCredential, c.Organizer, (State.LastVerification ?? c.Verification).Missing.ToList())
        : null);

    protected override void TransitionState(OrgState state, OrgEvent @event) => state.Apply(@event);

    private OrgView View() => new(OrgId, State.Name, State.CreatedAt, State.Connection is not null);

    private GreenhouseConnectionView? ConnectionView() => State.Connection is { } c
        ? new GreenhouseConnectionView(c.ApiVersion, c.BaseUrl, c.CredentialLast4, c.Organizer, State.ConnectedAt!.Value, State.RotatedAt,
            State.LastVerification ?? c.Verification)
        : null;

    private void RequireExists()
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"Org {OrgId} does not exist.");
    }
}
