namespace GemScheduling.Schedules;

public sealed record ScheduleOptions
{
    /// <summary>How long an interviewer's slot is held for a schedule being created before it lapses unconfirmed.</summary>
    public TimeSpan HoldLease { get; init; } = TimeSpan.FromMinutes(2);

    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Transient failures of one write before it is marked failed (about two hours at the default backoff).</summary>
    public int MaxTries { get; init; } = 30;

    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a new activation leaves alone a write that another activation attempted and recorded no outcome for.
    /// While the cluster's membership changes Orleans can briefly run two activations of one schedule, and the older may
    /// still be sending that write: searching Greenhouse for it before that send lands would create it twice. Longer
    /// than the longest a Greenhouse call may take (<c>Greenhouse:TotalTimeout</c>), after which no send of the older
    /// activation is still in flight; null follows that setting with a margin.
    /// </summary>
    public TimeSpan? InheritedAttemptGrace { get; init; }

    /// <summary>A margin over the call timeout for clocks and scheduling: the grace must end after the last possible send.</summary>
    public static readonly TimeSpan GraceMargin = TimeSpan.FromSeconds(5);

    public TimeSpan GraceAfter(TimeSpan greenhouseCallTimeout) => InheritedAttemptGrace ?? greenhouseCallTimeout + GraceMargin;

    /// <summary>Visibility of the notes GemScheduling adds to the candidate's activity feed.</summary>
    public string NoteVisibility { get; init; } = "public";
}
