using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

[GenerateSerializer, Immutable, EventType("org.created")]
public sealed record OrgCreated(string Name, DateTimeOffset At, string By) : OrgEvent;
