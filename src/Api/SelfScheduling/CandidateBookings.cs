using GemScheduling.Api.Availability;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Planning;
using GemScheduling.Schedules;

namespace GemScheduling.Api.SelfScheduling;

public sealed record BookingStepView(string Name, int DurationMinutes);

public sealed record BookedInterviewView(
    string StepName, DateTimeOffset Start, DateTimeOffset End, string TimeZone, IReadOnlyList<string> Interviewers, string? Location, string? VideoConferencingUrl);

/// <summary>
/// What a candidate sees through a booking or manage link: who asks, the loop's steps, the times open to them in their
/// zone, and what they booked, with until when they may still change it.
/// </summary>
public sealed record CandidateBookingView(
    string CompanyName, string? CandidateFirstName, string? JobName, BookingLinkStatus Status, string TimeZone, IReadOnlyList<BookingStepView> Steps,
    IReadOnlyList<OpenSlot> Slots, IReadOnlyList<BookedInterviewView> Interviews, DateTimeOffset? ChangeDeadline, bool CanChange);

/// <summary>Why a token opens nothing: not a link of this kind (<see cref="Status"/> null), or one that no longer works.</summary>
public sealed record BookingRefusal(BookingLinkStatus? Status);

/// <summary>The candidate side of booking links, shared by the JSON API and the candidate's pages.</summary>
internal static class CandidateBookings
{
    public static IBookingLinkGrain Link(IGrainFactory grains, BookingToken grant) =>
        grains.Grain<IBookingLinkGrain>(IBookingLinkGrain.Key(grant.OrgId, grant.LinkId));

    /// <summary>
    /// A booking token opens an open link; a manage token opens a booked (or since cancelled) one. Anything else is
    /// refused: a forged or mistyped token as unknown, a genuine one with its link's status (and the grant it carries).
    /// </summary>
    public static async Task<(BookingRefusal? Refused, BookingToken? Grant, BookingLinkView? Link)> CheckAsync(
        string token, BookingTokenKind kind, IBookingTokens tokens, IGrainFactory grains)
    {
        if (tokens.Read(token, out var expired) is not { } grant || grant.Kind != kind)
            return (new BookingRefusal(null), null, null);
        if (expired)
            return (new BookingRefusal(BookingLinkStatus.Expired), grant, null);
        if (await Link(grains, grant).Get() is not { } link || link.Plan.ApplicationId != grant.ApplicationId)
            return (new BookingRefusal(null), null, null);
        var usable = kind == BookingTokenKind.Book
            ? link.Status == BookingLinkStatus.Open
            : link.Status is BookingLinkStatus.Booked or BookingLinkStatus.Cancelled;
        return (usable ? null : new BookingRefusal(link.Status), grant, link);
    }

    public static async Task<CandidateBookingView> ViewAsync(
        BookingToken grant, BookingLinkView link, string? askedZone, IGrainFactory grains, IGreenhouseReadModel readModel, TimeProvider time)
    {
        var who = await CandidateLinks.DescribeAsync(grant.OrgId, grant.ApplicationId, grains, readModel);
        var booked = link.Status is BookingLinkStatus.Booked or BookingLinkStatus.Cancelled
            ? await grains.Grain<IScheduleGrain>(IScheduleGrain.Key(grant.OrgId, link.ScheduleId)).Get()
            : null;
        var timeZone = Zone(askedZone, booked);
        var interviews = booked?.Interviews.Where(i => i.Status == InterviewStatus.Scheduled).OrderBy(i => i.Start).ToList() ?? [];
        var deadline = interviews.Count > 0 ? interviews[0].Start.AddHours(-link.Plan.ChangeCutoffHours) : (DateTimeOffset?)null;
        var canChange = booked?.Status == ScheduleStatus.Active && deadline > time.GetUtcNow();
        var slots = link.Status == BookingLinkStatus.Open || canChange ? await Link(grains, grant).OpenSlots(timeZone) : [];
        return new CandidateBookingView(who.CompanyName, who.CandidateFirstName, who.JobName, link.Status, timeZone,
            [.. link.Plan.Steps.Select(s => new BookingStepView(s.Name, s.DurationMinutes))], slots,
            [.. interviews.Select(i => new BookedInterviewView(i.InterviewStepName, i.Start, i.End, i.TimeZone,
                [.. i.Interviewers.Select(p => p.Name ?? p.Email ?? "")], i.Location, i.VideoConferencingUrl))],
            booked?.Status == ScheduleStatus.Active ? deadline : null, canChange);
    }

    /// <summary>The zone the candidate asked for, else the one they booked in, else UTC.</summary>
    private static string Zone(string? asked, ScheduleView? booked) =>
        Suggestions.Time.TimeZones.TryFind(asked is { Length: <= 64 } ? asked : null, out var zone) ? zone.Id
        : booked?.Interviews.FirstOrDefault()?.TimeZone ?? "UTC";
}
