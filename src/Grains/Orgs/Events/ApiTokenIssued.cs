using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

/// <summary>Only the SHA-256 of the token's secret is stored. Tokens issued before roles existed have no role: admin.</summary>
[GenerateSerializer, Immutable, EventType("org.api-token-issued")]
public sealed record ApiTokenIssued(string TokenId, string Name, string SecretHash, DateTimeOffset At, string By, TokenRole? Role = null, DateTimeOffset? ExpiresAt = null)
    : OrgEvent;
