using GemScheduling.Api.Availability;

namespace GemScheduling.Api.Pages.CandidateAvailability;

/// <summary>Everything the candidate's page shows: who asks, the draft in the candidate's zone and language, and the form's token.</summary>
public sealed record AvailabilityPageModel(
    string FormAction, CandidateLinkContext Context, AvailabilityDraft Draft, IReadOnlyList<string> Zones, bool ZoneChosen, string Lang,
    string AntiforgeryField, string AntiforgeryToken);

/// <summary>What the candidate sees once their times are sent.</summary>
public sealed record ThanksPageModel(CandidateLinkContext Context, AvailabilityDraft Sent, string? ChangeUrl, string Lang);

/// <summary>A link that no longer opens anything, said plainly.</summary>
public sealed record LinkGonePageModel(LinkRefusal Refusal, string Lang);
