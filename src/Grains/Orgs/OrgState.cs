using GemScheduling.Orgs.Events;

namespace GemScheduling.Orgs;

[GenerateSerializer]
public sealed class OrgState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public Dictionary<string, ApiTokenRecord> Tokens { get; set; } = [];
    [Id(4)] public GreenhouseConnection? Connection { get; set; }
    [Id(5)] public DateTimeOffset? ConnectedAt { get; set; }
    [Id(6)] public DateTimeOffset? RotatedAt { get; set; }
    [Id(7)] public PermissionReport? LastVerification { get; set; }
    [Id(8)] public Dictionary<string, EmailTemplate> EmailTemplates { get; set; } = [];
    [Id(9)] public Interviewers.SchedulingDefaults? SchedulingDefaults { get; set; }
    [Id(10)] public AvailabilityLinkPolicy? AvailabilityLinkPolicy { get; set; }

    public void Apply(OrgEvent e)
    {
        switch (e)
        {
            case OrgCreated created:
                Exists = true;
                Name = created.Name;
                CreatedAt = created.At;
                break;
            case ApiTokenIssued issued:
                Tokens[issued.TokenId] = new ApiTokenRecord
                {
                    Id = issued.TokenId, Name = issued.Name, SecretHash = issued.SecretHash, CreatedAt = issued.At, CreatedBy = issued.By,
                    Role = issued.Role ?? TokenRole.Admin, ExpiresAt = issued.ExpiresAt,
                };
                break;
            case ApiTokenRevoked revoked when Tokens.TryGetValue(revoked.TokenId, out var token):
                token.RevokedAt = revoked.At;
                break;
            case ApiTokenUsed used when Tokens.TryGetValue(used.TokenId, out var token):
                token.LastUsedAt = used.At;
                break;
            case GreenhouseConnected connected:
                if (Connection is not null)
                    RotatedAt = connected.At;
                else
                    ConnectedAt = connected.At;
                Connection = connected.Connection;
                LastVerification = connected.Connection.Verification;
                break;
            case GreenhouseVerified verified:
                LastVerification = verified.Report;
                break;
            case SchedulingDefaultsSet defaults:
                SchedulingDefaults = defaults.Defaults;
                break;
            case AvailabilityLinkPolicySet policy:
                AvailabilityLinkPolicy = policy.Policy;
                break;
            case EmailTemplateSet template:
                EmailTemplates[template.Kind] = new EmailTemplate(template.Kind, template.Subject, template.Body, IsDefault: false);
                break;
        }
    }
}

[GenerateSerializer]
public sealed class ApiTokenRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string SecretHash { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public string CreatedBy { get; set; } = "";
    [Id(5)] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(6)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(7)] public TokenRole Role { get; set; } = TokenRole.Admin;
    [Id(8)] public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public ApiTokenView ToView() => new(Id, Name, CreatedAt, CreatedBy, LastUsedAt, RevokedAt, Role, ExpiresAt);
}
