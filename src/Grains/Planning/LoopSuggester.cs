using GemScheduling.Applications;
using GemScheduling.Availability;
using GemScheduling.Greenhouse;
using GemScheduling.Interviewers;
using GemScheduling.Orgs;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Suggestions.Availability;
using GemScheduling.Suggestions.Calendar;
using GemScheduling.Suggestions.Engine;
using GemScheduling.Suggestions.Interviewers;
using EngineWorkingHours = GemScheduling.Suggestions.Interviewers.WorkingHours;

namespace GemScheduling.Planning;

/// <summary>
/// Gathers what the suggestion engine needs — the candidate's windows, the steps and their interviewer pools, each
/// interviewer's hours, limits and busy time (GemScheduling bookings and their calendar feed) — and returns its options
/// in API terms, each with the exact request that books it through the normal (race-free) create path.
/// </summary>
public sealed class LoopSuggester(IGreenhouseReadModel readModel, IGrainFactory grains, IcsFeedReader feeds, ParsedCalendars calendars, TimeProvider time) : ILoopSuggester
{
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(14);

    public Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, CancellationToken cancellationToken) =>
        SuggestAsync(orgId, applicationId, request, null, cancellationToken);

    public async Task<LoopSuggestions> SuggestAsync(string orgId, long applicationId, SuggestLoopRequest request, LoopOverrides? overrides, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var application = await readModel.GetAsync<Application>(orgId, applicationId, cancellationToken)
            ?? throw new ResourceNotFoundException($"No application {applicationId} exists here.");
        var stages = application.JobId is { } jobId ? (await readModel.ListAsync<JobStage>(orgId, new ReadQuery { JobId = jobId, Limit = 500 }, cancellationToken)).Items : [];
        var steps = stages.Where(s => s.Active).SelectMany(s => s.InterviewSteps).ToDictionary(s => s.Id);
        var requested = request.Steps is { Count: > 0 }
            ? request.Steps
            : stages.FirstOrDefault(s => s.Id == application.CurrentStageId)?.InterviewSteps.Where(s => s.Schedulable)
                .Select(s => new LoopStepRequest(s.Id, null, null)).ToList() ?? [];
        if (requested.Count == 0)
            errors["steps"] = ["No interview steps to schedule: name them, or move the application to a stage with schedulable steps."];
        if (requested.Count > 10)
            errors["steps"] = ["At most 10 steps per loop."];

        var planned = new List<(LoopStepRequest Request, InterviewStep? Step, IReadOnlyList<long> Pool)>();
        for (var i = 0; i < Math.Min(requested.Count, 10); i++)
        {
            var r = requested[i];
            var step = steps.GetValueOrDefault(r.InterviewStepId);
            if (step is null)
                errors[$"steps[{i}].interviewStepId"] = [$"Interview step {r.InterviewStepId} is not in an active stage of this application's job."];
            else if (!step.Schedulable)
                errors[$"steps[{i}].interviewStepId"] = [$"{step.Name} is not schedulable."];
            var pool = r.InterviewerPool is { Count: > 0 } given ? given : step?.DefaultInterviewerIds ?? [];
            if (pool.Count == 0 && step is not null)
                errors[$"steps[{i}].interviewerPool"] = [$"{step.Name} has no default interviewers in Greenhouse; give an interviewer pool."];
            if (pool.Count > 50)
                errors[$"steps[{i}].interviewerPool"] = ["At most 50 interviewers per step."];
            if (r.DurationMinutes is < 5 or > 480)
                errors[$"steps[{i}].durationMinutes"] = ["Between 5 and 480 minutes."];
            if (r.InterviewersNeeded < 1 || r.InterviewersNeeded > Math.Max(1, pool.Count))
                errors[$"steps[{i}].interviewersNeeded"] = [$"Between 1 and the pool size ({pool.Count})."];
            planned.Add((r, step, pool));
        }

        if (request.MaxDays is < 1 or > 14)
            errors["maxDays"] = ["Between 1 and 14."];
        if (request.BreakMinutes is < 0 or > 240)
            errors["breakMinutes"] = ["Between 0 and 240."];
        if (request.MaxOptions is < 1 or > 50)
            errors["maxOptions"] = ["Between 1 and 50."];
        if (request.To is { } to && request.From is { } from && to <= from)
            errors["to"] = ["Must be after from."];
        if (errors.Count > 0)
            throw new ValidationFailedException(errors, "The suggestion request is not valid.");

        var now = time.GetUtcNow();
        var earliest = Max(now.AddMinutes(request.LeadTimeMinutes), request.From ?? now);
        var latest = request.To ?? earliest + DefaultHorizon;
        var availability = overrides is null
            ? await grains.Grain<IApplicationGrain>(IApplicationGrain.Key(orgId, applicationId)).GetAvailability(TimeSpan.FromMinutes(10))
            : new CandidateAvailability(overrides.CandidateWindows, overrides.CandidateTimeZone, [], [], null, null);
        var defaults = await grains.Grain<IOrgGrain>(orgId).GetSchedulingDefaults();
        var userIds = planned.SelectMany(p => p.Pool).Distinct().ToList();
        var users = (await readModel.GetManyAsync<GreenhouseUser>(orgId, userIds, cancellationToken)).ToDictionary(u => u.Id);
        var warnings = new List<string>();
        foreach (var missing in userIds.Where(id => !users.ContainsKey(id)))
            warnings.Add($"User {missing} is not a known Greenhouse user and was left out.");
        foreach (var disabled in users.Values.Where(u => u.Disabled))
            warnings.Add($"{disabled.Name} (user {disabled.Id}) is disabled in Greenhouse and was left out.");
        var usable = users.Values.Where(u => !u.Disabled).ToDictionary(u => u.Id);
        var profiles = new Dictionary<long, InterviewerProfile>();
        await Task.WhenAll(usable.Values.Select(async user =>
        {
            var (profile, problems) = await ProfileAsync(orgId, user, defaults, earliest - TimeSpan.FromDays(8), latest + TimeSpan.FromDays(8), overrides?.IgnoreScheduleId,
                cancellationToken);
            lock (profiles)
            {
                profiles[user.Id] = profile;
                warnings.AddRange(problems);
            }
        }));

        var candidateZone = availability.TimeZone ?? defaults.TimeZone;
        var engineSteps = planned.Select(p => new StepRequest(p.Request.InterviewStepId, p.Step!.Name,
            TimeSpan.FromMinutes(p.Request.DurationMinutes ?? p.Step.EstimatedMinutes ?? 60),
            p.Pool.Where(usable.ContainsKey).ToList(), p.Request.InterviewersNeeded)).ToList();
        var result = SuggestionEngine.Suggest(new SuggestionRequest(
            availability.Windows.Select(w => new AvailabilityWindow(w.Start, w.End, w.TimeZone)).ToList(), candidateZone, engineSteps, profiles,
            new SuggestionOptions
            {
                EarliestStart = earliest, LatestEnd = latest, KeepOrder = request.KeepOrder, BreakBetween = TimeSpan.FromMinutes(request.BreakMinutes),
                MaxDays = request.MaxDays, MaxOptions = request.MaxOptions,
            },
            new OrgSchedulingDefaults(defaults.WorkingHours.Select(h => new EngineWorkingHours(h.Day, h.Start, h.End)).ToList(),
                defaults.MaxInterviewsPerDay, defaults.MaxInterviewsPerWeek)));

        if (availability.Windows.Count == 0 && overrides is null)
            warnings.Add("The candidate has no availability yet: ask for it with an availability link, or set it for them.");
        var names = engineSteps.GroupBy(s => s.InterviewStepId).ToDictionary(g => g.Key, g => g.First().Name); // a step may appear twice in a loop
        SuggestedLoop Loop(ScheduleOption option, int rank) => new(rank, option.Score, option.Reasons, option.Breakdown,
            option.Interviews.Select(i => new SuggestedInterview(i.InterviewStepId, names[i.InterviewStepId], i.Start, i.End,
                i.InterviewerIds.Select(id => new NamedUser(id, usable.GetValueOrDefault(id)?.Name)).ToList())).ToList(),
            new SuggestedCreateRequest(applicationId, option.Interviews.Select(i => new SuggestedCreateInterview(
                i.InterviewStepId, i.InterviewerIds.Select(id => new SuggestedInterviewer(id)).ToList(), i.Start, i.End, candidateZone)).ToList()));

        return new LoopSuggestions(candidateZone, availability.Windows,
            planned.Select(p => new PlannedStep(p.Request.InterviewStepId, p.Step!.Name, p.Request.DurationMinutes ?? p.Step.EstimatedMinutes ?? 60,
                p.Pool.Select(id => new NamedUser(id, users.GetValueOrDefault(id)?.Name)).ToList(), p.Request.InterviewersNeeded)).ToList(),
            result.Options.Select((o, i) => Loop(o, i + 1)).ToList(), result.Blockers,
            result.NearestRelaxation is { } relaxed ? new RelaxedLoop(relaxed.Kind.ToString(), relaxed.Description, Loop(relaxed.Option, 0)) : null,
            [.. warnings, .. result.Warnings, .. availability.Problems.Select(p => $"Availability ({p.Source}) '{p.Text}' was not used: {p.Reason}")],
            result.Stats);
    }

    private async Task<(InterviewerProfile Profile, IReadOnlyList<string> Problems)> ProfileAsync(
        string orgId, GreenhouseUser user, SchedulingDefaults defaults, DateTimeOffset from, DateTimeOffset to, string? ignoreScheduleId,
        CancellationToken cancellationToken)
    {
        var calendar = grains.Grain<IInterviewerCalendarGrain>(IInterviewerCalendarGrain.Key(orgId, $"u{user.Id}"));
        var settings = await calendar.GetSettings();
        var booked = await calendar.Busy(from, to);
        var busy = booked.Where(b => b.ScheduleId != ignoreScheduleId).Select(b => new BusyInterval(b.Start, b.End, BusyInterval.GemSchedulingSource(b.ScheduleId), CountsTowardLimits: true)).ToList();
        var problems = new List<string>();
        var zone = settings?.TimeZone ?? defaults.TimeZone;
        var ics = settings?.Ics;
        if (settings?.IcsUrl is { } url)
        {
            var (fetched, problem) = await feeds.ReadAsync(url, cancellationToken);
            ics = fetched ?? ics;
            if (problem is not null)
                problems.Add($"{user.Name}: {problem}");
        }

        if (ics is not null)
        {
            var imported = await calendars.ParseAsync(ics, from, to, zone);
            busy.AddRange(imported.Busy);
            problems.AddRange(imported.Problems.Select(p => $"{user.Name}'s calendar: {p}"));
        }

        var hours = settings?.WorkingHours is { Count: > 0 } custom ? custom : [];
        return (new InterviewerProfile(user.Id, zone, hours.Select(h => new EngineWorkingHours(h.Day, h.Start, h.End)).ToList(),
            settings?.MaxInterviewsPerDay, settings?.MaxInterviewsPerWeek, busy, user.Name), problems);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
