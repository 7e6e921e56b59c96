using GemScheduling.Applications;
using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;

namespace GemScheduling.Api.Availability;

/// <summary>What a candidate's link is for: who asks, for which job, what the candidate answered so far, and the org's rules.</summary>
public sealed record CandidateLinkContext(
    AvailabilityLink Link, string CompanyName, string? CandidateFirstName, string? JobName, AvailabilitySource? Answered, AvailabilityLinkPolicy Policy);

/// <summary>Who a candidate's link is from and about.</summary>
public sealed record LinkAudience(string CompanyName, string? CandidateFirstName, string? JobName);

/// <summary>Why a token does not open anything: it is not a link at all (<see cref="Status"/> null), or it no longer works.</summary>
public sealed record LinkRefusal(AvailabilityLinkStatus? Status);

/// <summary>
/// The candidate side of availability links, shared by the JSON API and the candidate's page: checking a token,
/// reading what the link is about, and the org's notice and horizon for the times a candidate may offer.
/// </summary>
internal static class CandidateLinks
{
    public static async Task<(LinkRefusal? Refused, AvailabilityLink? Link)> CheckAsync(string token, IAvailabilityLinkSigner links, IGrainFactory grains)
    {
        if (links.Read(token, out var expired) is not { } link)
            return (new LinkRefusal(null), null);
        if (expired)
            return (new LinkRefusal(AvailabilityLinkStatus.Expired), null);
        var status = await AvailabilityApi.Application(grains, link.OrgId, link.ApplicationId).GetAvailabilityLinkStatus(link.LinkId);
        return status == AvailabilityLinkStatus.Live ? (null, link) : (new LinkRefusal(status), null);
    }

    public static async Task<CandidateLinkContext> ReadAsync(AvailabilityLink link, IGrainFactory grains, IGreenhouseReadModel readModel)
    {
        var answered = (await AvailabilityApi.Application(grains, link.OrgId, link.ApplicationId).GetAvailability(TimeSpan.MaxValue)).Sources
            .LastOrDefault(s => s.Source == AvailabilitySources.Candidate);
        var who = await DescribeAsync(link.OrgId, link.ApplicationId, grains, readModel);
        return new CandidateLinkContext(link, who.CompanyName, who.CandidateFirstName, who.JobName, answered,
            await grains.Grain<IOrgGrain>(link.OrgId).GetAvailabilityLinkPolicy());
    }

    /// <summary>Who a candidate's link is from and about: the company, the candidate's first name and the job as posted.</summary>
    public static async Task<LinkAudience> DescribeAsync(string orgId, long applicationId, IGrainFactory grains, IGreenhouseReadModel readModel)
    {
        var application = await readModel.GetAsync<Application>(orgId, applicationId);
        var candidate = application is null ? null : await readModel.GetAsync<Candidate>(orgId, application.CandidateId);
        var post = application?.JobId is { } jobId
            ? (await readModel.ListAsync<JobPost>(orgId, new ReadQuery { JobId = jobId, Live = true })).Items.FirstOrDefault(p => !p.Internal)
            : null;
        var job = post is null && application?.JobId is { } id ? await readModel.GetAsync<Job>(orgId, id) : null;
        return new LinkAudience((await grains.Grain<IOrgGrain>(orgId).Get())?.Name ?? "", candidate?.FirstName, post?.Title ?? job?.Name);
    }

    /// <summary>The first and last instants a candidate may offer now: the org's minimum notice and horizon.</summary>
    public static (DateTimeOffset Earliest, DateTimeOffset Latest) Bounds(AvailabilityLinkPolicy policy, DateTimeOffset now) =>
        (now.AddHours(policy.MinimumNoticeHours), now.AddDays(policy.HorizonDays));

    /// <summary>Errors for windows outside the bounds, keyed by the field that names them.</summary>
    public static Dictionary<string, string[]> OutOfBounds(IReadOnlyList<CandidateWindow> windows, AvailabilityLinkPolicy policy, DateTimeOffset now)
    {
        var (earliest, latest) = Bounds(policy, now);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Start < earliest)
                errors[$"windows[{i}].start"] = [$"Times must be at least {policy.MinimumNoticeHours:0.##} hours ahead (from {earliest:u})."];
            else if (windows[i].End > latest)
                errors[$"windows[{i}].end"] = [$"Times can be at most {policy.HorizonDays} days ahead (until {latest:u})."];
        }

        return errors;
    }
}
