using GemScheduling.Schedules.Events;

namespace GemScheduling.Schedules;

/// <summary>
/// Fewer appends per change, with the same exactly-once guarantee.
/// <list type="bullet">
/// <item>A change's writes that can land ambiguously (interview creates, notes, logged emails) are marked attempted
/// in the change's own append ("armed"). While this activation lives it knows they have not been tried yet, so their
/// first try needs no look-up and no append of its own; after a crash the marker makes the next try look first.</item>
/// <item>Final outcomes are kept unstored while the outbox drains and go with the next append it must make (an
/// attempt marker, a retry), or together when it goes idle. Losing them is safe: the write runs again, and a marked
/// one looks before writing; sends are de-duplicated by the sent-email log; updates and deletes are absolute.</item>
/// </list>
/// Until they are stored, the outbox works on <see cref="Current"/>: the stored state with these outcomes applied.
/// </summary>
public sealed partial class ScheduleGrain
{
    /// <summary>
    /// A lifecycle with write-back (create, move, cancel) is about 50 events, so every 50 meant a large state written
    /// once per lifecycle, on the write path, for a stream that is seldom read back; reading 200 events is cheap.
    /// </summary>
    protected override int SnapshotEvery => 200;

    private static readonly HashSet<MutationKind> MarkedKinds = [MutationKind.CreateInterview, MutationKind.AddNote, MutationKind.LogEmail];

    private readonly List<(ScheduleEvent Event, int? ForRevision)> _unstored = [];
    private readonly HashSet<string> _armed = [];
    private ScheduleState? _projected;

    /// <summary>The write being tried, whether it was armed, and whether it reached the point where it may land.</summary>
    private (string Id, bool Armed, bool Attempted)? _try;

    private ScheduleState Current => _projected ?? State;

    /// <summary>A change's events, each write that could land ambiguously marked attempted in its own request (no event of its own).</summary>
    private static List<ScheduleEvent> Armed(IReadOnlyList<ScheduleEvent> events) =>
        events.Select(e => e is MutationRequested m && MarkedKinds.Contains(m.Kind) && (m.Kind != MutationKind.LogEmail || m.Email is not null)
            ? m with { Armed = true } : e).ToList();

    /// <summary>Stores a change made of <see cref="Armed"/> events, then remembers which writes this activation armed.</summary>
    private async Task ExecuteArmedAsync(Func<ScheduleState, IReadOnlyList<ScheduleEvent>> decide, string actor)
    {
        IReadOnlyList<ScheduleEvent> stored = [];
        await ExecuteAsync(s => stored = decide(s), actor);
        foreach (var armed in stored.OfType<MutationRequested>().Where(m => m.Armed))
            _armed.Add(armed.MutationId);
    }

    private void Stage(IEnumerable<ScheduleEvent> events, int? forRevision = null)
    {
        _projected ??= Clone(State);
        foreach (var e in events)
        {
            _unstored.Add((e, forRevision));
            _projected.Apply(e);
        }
    }

    /// <summary>Before a write that may land: its marker (unless armed), with the outcomes kept so far, in one append.</summary>
    private async Task RecordAttemptAsync(MutationRecord mutation)
    {
        if (_try is { } current && current.Id == mutation.Id)
        {
            _try = current with { Attempted = true };
            if (current.Armed)
                return;
        }

        await StoreUnstoredAsync([new MutationAttempted(mutation.Id, Current.Mutation(mutation.Id).Attempts + 1, Now)]);
    }

    /// <summary>Stores what is kept, plus <paramref name="with"/>, leaving out what a change in between made moot. True if anything was stored.</summary>
    private async Task<bool> StoreUnstoredAsync(IReadOnlyList<ScheduleEvent>? with = null)
    {
        if (_unstored.Count == 0 && (with is null || with.Count == 0))
            return false;
        List<(ScheduleEvent Event, int? ForRevision)> batch = [.. _unstored, .. (with ?? []).Select(e => (e, (int?)null))];
        _unstored.Clear();
        _projected = null;
        await ExecuteAsync(s => batch.Where(b => StillApplies(s, b.Event, b.ForRevision)).Select(b => b.Event).ToList());
        return true;
    }

    private static bool StillApplies(ScheduleState s, ScheduleEvent e, int? forRevision) => e switch
    {
        MutationAttempted m => Pending(s, m.MutationId),
        MutationSucceeded m => Pending(s, m.MutationId),
        MutationFailed m => Pending(s, m.MutationId),
        MutationSkipped m => Pending(s, m.MutationId),
        MutationRetryScheduled m => Pending(s, m.MutationId),
        MutationDeferred m => Pending(s, m.MutationId),
        // Confirms the calendars of the revision it was staged for, not of a change made since.
        CalendarsConfirmed => !s.CalendarsConfirmed && (forRevision is null || forRevision == s.Revision),
        DriftDetected d => s.Drift.All(x => x.Fingerprint != d.Fingerprint),
        _ => true,
    };

    private static bool Pending(ScheduleState s, string mutationId) => s.Outbox.FirstOrDefault(m => m.Id == mutationId)?.IsPending == true;

    private static ScheduleState Clone(ScheduleState state)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(state, Persistence.EventStore.EventTypeRegistry.JsonOptions);
        return System.Text.Json.JsonSerializer.Deserialize<ScheduleState>(json, Persistence.EventStore.EventTypeRegistry.JsonOptions)!;
    }
}
