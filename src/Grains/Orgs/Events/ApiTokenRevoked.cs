using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

[GenerateSerializer, Immutable, EventType("org.api-token-revoked")]
public sealed record ApiTokenRevoked(string TokenId, DateTimeOffset At, string By) : OrgEvent;
