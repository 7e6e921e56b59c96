using GemScheduling.Applications.Events;
using GemScheduling.Availability;
using GemScheduling.Orgs;

namespace GemScheduling.Applications;

/// <summary>
/// The candidate's availability links: each has an id in this history, so a coordinator can revoke it, and one that
/// expires on submission stops working the moment the candidate has answered.
/// </summary>
public sealed partial class ApplicationGrain
{
    public async Task<AvailabilityLinkView> IssueAvailabilityLink(DateTimeOffset expiresAt, bool expireOnSubmission, string actor)
    {
        var linkId = "lnk_" + ApiTokens.RandomId(12);
        await ExecuteAsync(_ => [new AvailabilityLinkIssued(linkId, expiresAt, expireOnSubmission, time.GetUtcNow(), actor)], actor);
        return View(State.Links[linkId]);
    }

    public async Task<bool> RevokeAvailabilityLink(string linkId, string actor)
    {
        if (!State.Links.TryGetValue(linkId, out var link))
            return false;
        if (link.RevokedAt is null)
            await ExecuteAsync(s => s.Links[linkId].RevokedAt is null ? [new AvailabilityLinkRevoked(linkId, time.GetUtcNow(), actor)] : [], actor);
        return true;
    }

    public Task<IReadOnlyList<AvailabilityLinkView>> ListAvailabilityLinks() =>
        Task.FromResult<IReadOnlyList<AvailabilityLinkView>>(State.Links.Values.OrderBy(l => l.IssuedAt).Select(View).ToList());

    public Task<AvailabilityLinkStatus> GetAvailabilityLinkStatus(string? linkId) => Task.FromResult(Status(linkId));

    public async Task<CandidateAvailability> SubmitThroughLink(string? linkId, string timeZone, IReadOnlyList<CandidateWindow> windows)
    {
        var status = Status(linkId);
        if (status != AvailabilityLinkStatus.Live)
            throw new AvailabilityLinkGoneException(status);
        var recorded = Recorded(AvailabilitySources.Candidate, timeZone, windows, "candidate (availability link)");
        var usedUp = linkId is not null && State.Links[linkId].ExpiresOnSubmission;
        await ExecuteAsync(s => Status(linkId) != AvailabilityLinkStatus.Live
            ? throw new AvailabilityLinkGoneException(Status(linkId))
            : usedUp ? [recorded, new AvailabilityLinkUsed(linkId!, time.GetUtcNow())] : [recorded], "candidate (availability link)");
        return AvailabilityView();
    }

    /// <summary>A link made before links had ids is trusted by its signature and expiry alone.</summary>
    private AvailabilityLinkStatus Status(string? linkId) =>
        linkId is null ? AvailabilityLinkStatus.Live
        : !State.Links.TryGetValue(linkId, out var link) ? AvailabilityLinkStatus.Unknown
        : Status(link);

    private AvailabilityLinkStatus Status(AvailabilityLinkRecord link) =>
        link.RevokedAt is not null ? AvailabilityLinkStatus.Revoked
        : link.UsedAt is not null ? AvailabilityLinkStatus.Used
        : link.ExpiresAt <= time.GetUtcNow() ? AvailabilityLinkStatus.Expired
        : AvailabilityLinkStatus.Live;

    private AvailabilityLinkView View(AvailabilityLinkRecord link) => new(link.Id, link.IssuedAt, link.ExpiresAt, link.ExpiresOnSubmission, Status(link), link.By);
}
