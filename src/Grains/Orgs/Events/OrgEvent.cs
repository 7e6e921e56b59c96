namespace GemScheduling.Orgs.Events;

[GenerateSerializer]
public abstract record OrgEvent;
