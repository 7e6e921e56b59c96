using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

[GenerateSerializer, Immutable, EventType("org.greenhouse-verified")]
public sealed record GreenhouseVerified(PermissionReport Report, DateTimeOffset At, string By) : OrgEvent;
