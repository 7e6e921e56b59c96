using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GemScheduling.Applications;
using GemScheduling.Emails;
using GemScheduling.EventSourcing;
using GemScheduling.Greenhouse;
using GemScheduling.Orgs;
using GemScheduling.Persistence.EventStore;
using GemScheduling.Persistence.ReadModel;
using GemScheduling.Persistence.Schedules;
using GemScheduling.Schedules.Events;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace GemScheduling.Schedules;

/// <summary>
/// A schedule's commands. Each validates against the synced data, books the interviewers' time, and records the
/// change together with the Greenhouse writes it needs (intents) in one append; the outbox then performs them.
/// </summary>
[LogConsistencyProvider(ProviderName = "CustomStorage")]
public sealed partial class ScheduleGrain(
    SchedulePlanner planner, IGreenhouseFactory greenhouses, IGreenhouseReadModel readModel, IScheduleIndex index,
    EmailDelivery emails, EmailOptions emailOptions, ScheduleOptions options, GreenhouseOptions greenhouseOptions, Planning.IPublicLinks links, TimeProvider time,
    ILogger<ScheduleGrain> logger)
    : EventSourcedGrain<ScheduleState, ScheduleEvent>, IScheduleGrain, Reconciliation.IScheduleReconciliation, IRemindable
{
    protected override string StreamCategory => "schedule";

    /// <summary>
    /// 2: kinds and statuses became enums and skips carry their reason. 3: the calendars still to release. Older snapshots
    /// are rebuilt from events.
    /// </summary>
    protected override int SnapshotSchemaVersion => 3;

    private ScheduleKey Key => _key ??= ScheduleKey.Parse(this.GetPrimaryKeyString());
    private ScheduleKey? _key;

    private string OrgId => Key.OrgId;

    private string ScheduleId => Key.ScheduleId;

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activatedAt = Now;
        if (Unfinished)
        {
            // Interrupted before finishing (a crash, a lost silo): finish booking and writing.
            this.RegisterGrainTimer(_ => ResumeAsync(),
                new GrainTimerCreationOptions { DueTime = TimeSpan.FromMilliseconds(100), Period = Timeout.InfiniteTimeSpan });
        }
    }

    public async Task<ScheduleView> Create(CreateSchedule command)
    {
        var fingerprint = command.IdempotencyKey is null ? null : Fingerprint(command);
        if (State.Exists)
        {
            if (fingerprint is not null && fingerprint == State.IdempotencyFingerprint)
            {
                // A repeat (the client's, or the API's after a failover): the first try may have stored the schedule
                // and then failed on a grain of a dead silo before its outbox was started. Every step after the append
                // is idempotent, so the repeat finishes them. Other changes may have come since, so the calendars are
                // checked against the schedule as it is now rather than assumed to hold what the create took.
                await EnsureCalendarsAsync();
                await AfterCreatedAsync();
                return View();
            }
            throw new ConflictException($"Schedule {ScheduleId} already exists.");
        }

        var access = await AccessAsync();
        RequirePermission(access, GreenhousePermission.InterviewsCreate);
        var context = await planner.LoadAsync(OrgId, command.ApplicationId, command.Interviews);
        var errors = new Dictionary<string, List<string>>();
        if (command.Interviews.Count == 0)
            SchedulePlanner.Add(errors, "interviews", "A schedule needs at least one interview.");
        var plans = await planner.PlanAsync(OrgId, context,
            command.Interviews.Select((request, i) => (NewId("int"), $"interviews[{i}]", request)).ToList(), errors);
        SchedulePlanner.CheckNoOverlap(plans.Select((p, i) => ($"interviews[{i}]", p)).ToList(), errors);
        var organizer = await ResolveOrganizerAsync(command.OrganizerEmail, access, errors);
        SchedulePlanner.ThrowIfAny(errors);

        await HoldCalendarsAsync(plans, previous: []);
        try
        {
            List<ScheduleEvent> events =
            [
                new ScheduleCreated(ScheduleId, context.Application.Id, context.Application.CandidateId, context.Application.JobId, organizer!,
                    plans, fingerprint, Now, command.Actor, command.BookingLinkId),
                .. plans.Select(p => Intent(MutationKind.CreateInterview, p.Id)),
                .. await CandidateWritesAsync(context, organizer!, plans, EmailTemplates.Scheduled, "Interviews scheduled", reason: null, cancel: false, version: 1,
                    selfService: command.BookingLinkId is not null),
                .. InterviewerWrites(context, organizer!, [], plans, version: 1),
            ];
            var armed = Armed(events);
            await ExecuteArmedAsync(state => state.Exists ? [] : armed, command.Actor);
        }
        catch
        {
            await RestoreCalendarsAsync(SlotsByCalendar(ScheduleId, plans).Keys, previous: []);
            throw;
        }

        ConfirmCalendars();
        await FinishStoredAsync(AfterCreatedAsync);
        return View();
    }

    /// <summary>What follows a stored create once its calendars are settled: the application tracked, reconciliation told, the outbox started.</summary>
    private async Task AfterCreatedAsync()
    {
        await GrainFactory.Grain<IApplicationGrain>(IApplicationGrain.Key(OrgId, State.ApplicationId)).AttachSchedule(ScheduleId);
        await GrainFactory.Grain<Reconciliation.IOrgReconcilerGrain>(OrgId).Track();
        await AfterChangeAsync();
    }

    public async Task<ScheduleView> Update(UpdateSchedule command)
    {
        RequireActive();
        var access = await AccessAsync();
        var errors = new Dictionary<string, List<string>>();
        var current = State.Current.ToDictionary(i => i.Plan.Id, i => i.Plan);

        var requests = new List<(string Id, string Field, InterviewRequest Request)>();
        for (var i = 0; i < command.Changes.Count; i++)
        {
            var change = command.Changes[i];
            if (!current.TryGetValue(change.InterviewId, out var plan))
            {
                SchedulePlanner.Add(errors, $"changes[{i}].interviewId", $"This schedule has no interview '{change.InterviewId}'.");
                continue;
            }

            requests.Add((plan.Id, $"changes[{i}]", new InterviewRequest(plan.InterviewStepId,
                change.Interviewers ?? plan.Interviewers.Select(p => new InterviewerRef(p.UserId, p.UserId is null ? p.Email : null)).ToList(),
                change.Start ?? plan.Start, change.End ?? plan.End, change.TimeZone ?? plan.TimeZone,
                change.Location ?? plan.Location, change.VideoConferencingUrl ?? plan.VideoConferencingUrl)));
        }

        for (var i = 0; i < command.Add.Count; i++)
            requests.Add((NewId("int"), $"add[{i}]", command.Add[i]));
        for (var i = 0; i < command.Remove.Count; i++)
            if (!current.ContainsKey(command.Remove[i]))
                SchedulePlanner.Add(errors, $"remove[{i}]", $"This schedule has no interview '{command.Remove[i]}'.");

        var context = await planner.LoadAsync(OrgId, State.ApplicationId, requests.Select(r => r.Request));
        var planned = await planner.PlanAsync(OrgId, context, requests, errors);
        var byId = planned.ToDictionary(p => p.Id);
        var changed = planned.Where(p => current.TryGetValue(p.Id, out var before) && !Same(before, p)).ToList();
        var added = planned.Where(p => !current.ContainsKey(p.Id)).ToList();
        var removed = command.Remove.Where(current.ContainsKey).Distinct().ToList();
        var next = current.Values.Where(p => !removed.Contains(p.Id)).Select(p => byId.GetValueOrDefault(p.Id) ?? p).Concat(added).ToList();
        if (next.Count == 0)
            SchedulePlanner.Add(errors, "remove", "A schedule needs at least one interview; cancel it instead.");
        SchedulePlanner.CheckNoOverlap(next.Select(p => (FieldOf(p.Id, requests), p)).ToList(), errors);
        var unchanged = changed.Count == 0 && added.Count == 0 && removed.Count == 0;
        // A change the schedule already shows is answered with the schedule, whatever version it names, the way a
        // cancel of a cancelled schedule is: a repeat after a failover (the first try applied, its answer lost) must
        // not turn into 412. Anything it would still change needs the version it was read at.
        if (!unchanged || errors.Count > 0)
            CheckVersion(command.ExpectedVersion);
        SchedulePlanner.ThrowIfAny(errors);
        if (unchanged)
        {
            if (Unfinished) // possibly a repeat whose first try stored the change and then failed
                await ResumeAsync();
            return View();
        }

        var previous = current.Values.ToList();
        await HoldCalendarsAsync(next, previous);
        try
        {
            var candidateVisible = added.Count > 0 || removed.Count > 0 ||
                changed.Any(p => p.Start != current[p.Id].Start || p.End != current[p.Id].End || p.Location != current[p.Id].Location ||
                                 p.VideoConferencingUrl != current[p.Id].VideoConferencingUrl);
            var version = State.Revision + 1;
            List<ScheduleEvent> events =
            [
                new InterviewsChanged(changed, added, removed, Now, command.Actor),
                .. changed.Select(p => Intent(MutationKind.UpdateInterview, p.Id)),
                .. added.Select(p => Intent(MutationKind.CreateInterview, p.Id)),
                .. removed.Select(id => Intent(MutationKind.DeleteInterview, id)),
                .. candidateVisible
                    ? await CandidateWritesAsync(context, State.Organizer, next, EmailTemplates.Rescheduled, "Interviews rescheduled", reason: null, cancel: false, version)
                    : [NoteIntent(State.Organizer, changed, "Interview panel or details updated", reason: null)],
                .. InterviewerWrites(context, State.Organizer, previous, next, version),
            ];
            var armed = Armed(events);
            await ExecuteArmedAsync(_ => AlreadyApplied(events) ? [] : armed, command.Actor);
        }
        catch
        {
            await RestoreCalendarsAsync(SlotsByCalendar(ScheduleId, next).Keys, previous);
            throw;
        }

        await FinishStoredAsync(async () =>
        {
            await ReleaseAndConfirmCalendarsAsync();
            await GrainFactory.Grain<Reconciliation.IOrgReconcilerGrain>(OrgId).Track();
        });
        await AfterChangeAsync();
        return View();
    }

    public async Task<ScheduleView> Cancel(string reason, string actor, int? expectedVersion)
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"No schedule '{ScheduleId}' exists here.");
        if (State.Status == ScheduleStatus.Cancelled)
        {
            if (Unfinished) // possibly a repeat whose first try stored the cancel and then failed
                await ResumeAsync();
            return View();
        }

        CheckVersion(expectedVersion);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
            throw new ValidationFailedException("reason", "A cancellation reason of 1 to 1,000 characters is required.");

        var context = await planner.LoadAsync(OrgId, State.ApplicationId);
        var interviews = State.Current.Select(i => i.Plan).ToList();
        List<ScheduleEvent> events =
        [
            new ScheduleCancelled(reason.Trim(), Now, actor),
            .. interviews.Select(p => Intent(MutationKind.DeleteInterview, p.Id)),
            .. await CandidateWritesAsync(context, State.Organizer, interviews, EmailTemplates.Cancelled, "Interviews cancelled", reason.Trim(), cancel: true, State.Revision + 1),
            .. InterviewerWrites(context, State.Organizer, interviews, [], State.Revision + 1),
        ];
        var armed = Armed(events);
        await ExecuteArmedAsync(s => s.Status == ScheduleStatus.Cancelled ? [] : armed, actor);
        await FinishStoredAsync(ReleaseAndConfirmCalendarsAsync);
        await AfterChangeAsync();
        return View();
    }

    public Task<ScheduleView?> Get() => Task.FromResult(State.Exists ? View() : null);

    public async Task<IReadOnlyList<HistoryEntry>> History() =>
        State.Exists ? await ReadHistoryAsync() : throw new ResourceNotFoundException($"No schedule '{ScheduleId}' exists here.");

    protected override void TransitionState(ScheduleState state, ScheduleEvent @event) => state.Apply(@event);

    private async Task AfterChangeAsync()
    {
        await WriteIndexAsync();
        KickOutbox();
    }

    private async Task<ActingUser?> ResolveOrganizerAsync(string? email, GreenhouseAccess access, Dictionary<string, List<string>> errors)
    {
        if (email is null)
            return access.Organizer;
        var users = await readModel.ListAsync<GreenhouseUser>(OrgId, new ReadQuery { Email = email.Trim(), Limit = 2 });
        var user = users.Items.FirstOrDefault();
        if (user is null)
            SchedulePlanner.Add(errors, "organizerEmail", $"No Greenhouse user has the email {email}.");
        else if (user.Disabled)
            SchedulePlanner.Add(errors, "organizerEmail", $"{user.Name} is disabled in Greenhouse.");
        else
            return new ActingUser(user.Id, user.PrimaryEmail ?? email, user.Name);
        return null;
    }

    private async Task<GreenhouseAccess> AccessAsync() =>
        await GrainFactory.Grain<IOrgGrain>(OrgId).GetGreenhouseAccess()
        ?? throw new GreenhousePermissionMissingException("connection", "Greenhouse connection",
            "Greenhouse is not connected for this org: connect it (PUT .../greenhouse) before scheduling.");

    private static void RequirePermission(GreenhouseAccess access, GreenhousePermission needed)
    {
        if (access.Lacks(needed) is not { } permission)
            return;
        throw new GreenhousePermissionMissingException(permission.Id, permission.DisplayName,
            $"{permission.Explanation} GemScheduling needs it because it {permission.UsedFor.TrimEnd('.').ToLowerInvariant()}.");
    }

    private void RequireActive()
    {
        if (!State.Exists)
            throw new ResourceNotFoundException($"No schedule '{ScheduleId}' exists here.");
        if (State.Status != ScheduleStatus.Active)
            throw new ConflictException($"Schedule {ScheduleId} is {State.Status.Wire()}; it cannot be changed.");
    }

    private void CheckVersion(int? expected)
    {
        if (expected is not null && expected != State.Revision)
            throw new PreconditionFailedException($"The schedule is at version {State.Revision}, not {expected}; read it again before changing it.");
    }

    /// <summary>True when these events are already stored (a lost commit acknowledgement made the command run twice).</summary>
    private bool AlreadyApplied(IEnumerable<ScheduleEvent> events) =>
        events.OfType<MutationRequested>().Any(m => State.Outbox.Any(o => o.Id == m.MutationId));

    private static bool Same(PlannedInterview a, PlannedInterview b) =>
        a.Start == b.Start && a.End == b.End && a.TimeZone == b.TimeZone && a.Location == b.Location &&
        a.VideoConferencingUrl == b.VideoConferencingUrl && a.Interviewers.Select(i => i.CalendarKey).SequenceEqual(b.Interviewers.Select(i => i.CalendarKey));

    private static string FieldOf(string interviewId, IReadOnlyList<(string Id, string Field, InterviewRequest Request)> requests) =>
        requests.FirstOrDefault(r => r.Id == interviewId).Field ?? $"interview {interviewId}";

    private static string NewId(string prefix) => $"{prefix}_{ApiTokens.RandomId(12)}";

    /// <summary>Same key and same request → same schedule; same key and a different request → refused.</summary>
    internal static string Fingerprint(CreateSchedule command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new { command.ApplicationId, command.Interviews, command.OrganizerEmail }, EventTypeRegistry.JsonOptions))));
}
