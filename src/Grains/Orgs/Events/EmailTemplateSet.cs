using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Orgs.Events;

[GenerateSerializer, Immutable, EventType("org.email-template-set")]
public sealed record EmailTemplateSet(string Kind, string Subject, string Body, DateTimeOffset At, string By) : OrgEvent;

[GenerateSerializer, Immutable, EventType("org.scheduling-defaults-set")]
public sealed record SchedulingDefaultsSet(Interviewers.SchedulingDefaults Defaults, DateTimeOffset At, string By) : OrgEvent;

[GenerateSerializer, Immutable, EventType("org.availability-link-policy-set")]
public sealed record AvailabilityLinkPolicySet(AvailabilityLinkPolicy Policy, DateTimeOffset At, string By) : OrgEvent;
