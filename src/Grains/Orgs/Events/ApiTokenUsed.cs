using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

/// <summary>Coalesced: raised at most every few minutes per token, not per request.</summary>
[GenerateSerializer, Immutable, EventType("org.api-token-used")]
public sealed record ApiTokenUsed(string TokenId, DateTimeOffset At) : OrgEvent;
