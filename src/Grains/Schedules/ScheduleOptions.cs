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

    /// <summary>Visibility of the notes GemScheduling adds to the candidate's activity feed.</summary>
    public string NoteVisibility { get; init; } = "public";
}
