using GemScheduling.Applications.Events;
using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Time;

namespace GemScheduling.Applications;

/// <summary>
/// The candidate's availability: from Greenhouse (the latest "Candidate Availability Submitted" activity on the feed),
/// from a coordinator, or from the candidate through a signed link. Lines and windows that cannot be used are kept and
/// shown, never dropped.
/// </summary>
public sealed partial class ApplicationGrain
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    public async Task<CandidateAvailability> SetAvailability(string source, string timeZone, IReadOnlyList<CandidateWindow> windows, string actor)
    {
        var recorded = Recorded(source, timeZone, windows, actor);
        await ExecuteAsync(_ => [recorded], actor);
        return AvailabilityView();
    }

    /// <summary>Checks one source's windows and makes the event that records them (merged, with what could not be used).</summary>
    private AvailabilityRecorded Recorded(string source, string timeZone, IReadOnlyList<CandidateWindow> windows, string actor)
    {
        var errors = new Dictionary<string, string[]>();
        if (source is not (AvailabilitySources.Coordinator or AvailabilitySources.Candidate))
            errors["source"] = ["Availability is set by a coordinator or by the candidate."];
        if (!TimeZones.TryFind(timeZone, out _))
            errors["timeZone"] = [$"'{timeZone}' is not an IANA time zone (e.g. Europe/Berlin)."];
        if (windows.Count > 200)
            errors["windows"] = ["At most 200 windows."];
        var now = time.GetUtcNow();
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            if (w.End <= w.Start)
                errors[$"windows[{i}].end"] = ["A window must end after it starts."];
            else if (w.End - w.Start > AvailabilityNormalizer.MaxWindowLength)
                errors[$"windows[{i}].end"] = ["A window can be at most 24 hours long."];
            else if (w.End <= now)
                errors[$"windows[{i}].end"] = ["This window is already over."];
            else if (w.Start > now + Horizon)
                errors[$"windows[{i}].start"] = ["Availability more than 90 days ahead is not accepted."];
        }

        if (errors.Count > 0)
            throw new ValidationFailedException(errors, "The availability is not valid.");

        var merged = AvailabilityNormalizer.Normalize(windows.Select(w => new AvailabilityWindow(w.Start, w.End, timeZone)));
        return new AvailabilityRecorded(new AvailabilitySource(source, timeZone, merged.Windows.Select(w => new CandidateWindow(w.Start, w.End, w.TimeZone)).ToList(),
            merged.Rejected.Select(r => new AvailabilityProblem(source, $"{r.Window.Start:u} – {r.Window.End:u}", r.Reason)).ToList(), now, actor));
    }

    public async Task<CandidateAvailability> GetAvailability(TimeSpan maxAge)
    {
        if (State.AvailabilityCheckedAt is not { } checkedAt || time.GetUtcNow() - checkedAt > maxAge)
            await ImportFromGreenhouseAsync();
        return AvailabilityView();
    }

    private async Task ImportFromGreenhouseAsync()
    {
        var now = time.GetUtcNow();
        try
        {
            var application = await readModel.GetAsync<Application>(OrgId, ApplicationId);
            var access = await GrainFactory.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess();
            if (application is null || access is null)
            {
                await ExecuteAsync(_ => [new AvailabilityChecked(now, "The application or the Greenhouse connection is not known yet.")]);
                return;
            }

            if (access.Lacks(GreenhousePermission.ActivityFeedRetrieve) is { } permission)
            {
                await ExecuteAsync(_ => [new AvailabilityChecked(now, $"Availability submitted in Greenhouse cannot be read: the key lacks \"{permission.DisplayName}\".")]);
                return;
            }

            var feed = await greenhouses.For(access, GreenhouseLane.Interactive).FeedAsync(application.CandidateId, default);
            var latest = feed.Activities.Where(a => AvailabilityParser.IsAvailabilityActivity(a.Subject)).MaxBy(a => a.CreatedAt);
            var events = new List<ApplicationEvent>();
            var current = State.Availability.GetValueOrDefault(AvailabilitySources.Greenhouse);
            if (latest is not null && latest.CreatedAt != current?.At)
            {
                var parsed = AvailabilityParser.Parse(latest.Body);
                var merged = AvailabilityNormalizer.Normalize(parsed.Windows);
                var problems = parsed.Unparsed.Select(u => new AvailabilityProblem(AvailabilitySources.Greenhouse, $"line {u.LineNumber}: {u.Text}", u.Reason))
                    .Concat(merged.Rejected.Select(r => new AvailabilityProblem(AvailabilitySources.Greenhouse, $"{r.Window.Start:u} – {r.Window.End:u}", r.Reason)))
                    .ToList();
                events.Add(new AvailabilityRecorded(new AvailabilitySource(AvailabilitySources.Greenhouse, parsed.TimeZone,
                    merged.Windows.Select(w => new CandidateWindow(w.Start, w.End, w.TimeZone)).ToList(), problems,
                    latest.CreatedAt ?? now, $"candidate via Greenhouse (activity {latest.Id})")));
            }

            events.Add(new AvailabilityChecked(now, null));
            await ExecuteAsync(_ => events);
        }
        catch (GreenhouseException ex)
        {
            await ExecuteAsync(_ => [new AvailabilityChecked(now, $"Greenhouse could not be read: {ex.GreenhouseMessage}")]);
        }
    }

    private CandidateAvailability AvailabilityView()
    {
        var sources = State.Availability.Values.OrderBy(s => s.At).ToList();
        var merged = AvailabilityNormalizer.Normalize(sources.SelectMany(s => s.Windows).Select(w => new AvailabilityWindow(w.Start, w.End, w.TimeZone)));
        var now = time.GetUtcNow();
        return new CandidateAvailability(
            merged.Windows.Where(w => w.End > now).Select(w => new CandidateWindow(w.Start, w.End, w.TimeZone)).ToList(),
            sources.LastOrDefault(s => s.TimeZone is not null)?.TimeZone,
            sources, sources.SelectMany(s => s.Problems).ToList(), State.AvailabilityCheckedAt, State.AvailabilityCheckProblem);
    }
}
