using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

/// <summary>A connection or a rotation; the credential inside is encrypted for this org.</summary>
[GenerateSerializer, Immutable, EventType("org.greenhouse-connected")]
public sealed record GreenhouseConnected(GreenhouseConnection Connection, DateTimeOffset At, string By) : OrgEvent;
