using GemScheduling.Availability;
using GemScheduling.Suggestions.Engine;

namespace GemScheduling.Planning;

/// <summary>
/// Ranked loop options for one application, from the candidate's windows, the steps' interviewer pools and each
/// interviewer's hours, limits and busy time. Read-only: booking an option goes through the schedule create path.
/// </summary>
public interface ILoopSuggester
{
    /// <summary>Throws <see cref="ValidationFailedException"/> naming each field that is wrong, and <see cref="ResourceNotFoundException"/> for an unknown application.</summary>
    Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, CancellationToken cancellationToken);

    /// <summary>The same search with the candidate's side given rather than read (a booking link's open times).</summary>
    Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, LoopOverrides overrides, CancellationToken cancellationToken);
}

/// <summary>
/// The candidate's times and zone to search in, instead of the availability they gave; and a schedule whose own
/// bookings do not count as busy (the one being moved).
/// </summary>
public sealed record LoopOverrides(IReadOnlyList<CandidateWindow> CandidateWindows, string CandidateTimeZone, string? IgnoreScheduleId)
{
    /// <summary>
    /// A candidate open at any time from <paramref name="from"/> to <paramref name="to"/>, as one window per day of their
    /// zone (the engine takes windows of at most a day, and a loop stays within one).
    /// </summary>
    public static LoopOverrides Anytime(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, string? ignoreScheduleId = null)
    {
        var windows = new List<CandidateWindow>();
        for (var start = from; start < to;)
        {
            var local = TimeZoneInfo.ConvertTime(start, zone);
            var midnight = new DateTimeOffset(local.Date.AddDays(1), zone.GetUtcOffset(local.Date.AddDays(1)));
            var end = midnight < to ? midnight : to;
            if (end <= start)
                end = start.AddHours(24) < to ? start.AddHours(24) : to; // a zone whose midnight is skipped
            windows.Add(new CandidateWindow(start, end, zone.Id));
            start = end;
        }

        return new LoopOverrides(windows, zone.Id, ignoreScheduleId);
    }
}

public sealed record LoopStepRequest(long InterviewStepId, int? DurationMinutes, IReadOnlyList<long>? InterviewerPool, int InterviewersNeeded = 1);

public sealed record SuggestLoopRequest(
    IReadOnlyList<LoopStepRequest>? Steps, bool KeepOrder, int BreakMinutes, int MaxDays, DateTimeOffset? From, DateTimeOffset? To,
    int MaxOptions, int LeadTimeMinutes);

public sealed record PlannedStep(long InterviewStepId, string Name, int DurationMinutes, IReadOnlyList<NamedUser> Pool, int InterviewersNeeded);

public sealed record NamedUser(long UserId, string? Name);

public sealed record SuggestedInterview(long InterviewStepId, string StepName, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<NamedUser> Interviewers);

/// <summary>The body that books an option through <c>POST /schedules</c>, as it would be sent.</summary>
public sealed record SuggestedCreateRequest(long ApplicationId, IReadOnlyList<SuggestedCreateInterview> Interviews);

public sealed record SuggestedCreateInterview(long InterviewStepId, IReadOnlyList<SuggestedInterviewer> Interviewers, DateTimeOffset Start, DateTimeOffset End, string TimeZone);

public sealed record SuggestedInterviewer(long UserId);

public sealed record SuggestedLoop(
    int Rank, double Score, IReadOnlyList<string> Reasons, ScoreBreakdown Breakdown, IReadOnlyList<SuggestedInterview> Interviews, SuggestedCreateRequest CreateRequest);

public sealed record RelaxedLoop(string Kind, string Description, SuggestedLoop Option);

public sealed record LoopSuggestions(
    string CandidateTimeZone, IReadOnlyList<CandidateWindow> CandidateWindows, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<SuggestedLoop> Options,
    IReadOnlyList<string> Blockers, RelaxedLoop? NearestRelaxation, IReadOnlyList<string> Warnings, SearchStats Stats);
