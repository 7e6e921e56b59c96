using System.Text.Json.Serialization;

namespace GemScheduling.Schedules;

// Each member's wire name is fixed here: the API, stored events and the schedule index all use it.

public enum ScheduleStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public enum InterviewStatus
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The writes a schedule's outbox makes, in Greenhouse or to the candidate.</summary>
public enum MutationKind
{
    [JsonStringEnumMemberName("create_interview")] CreateInterview,
    [JsonStringEnumMemberName("update_interview")] UpdateInterview,
    [JsonStringEnumMemberName("delete_interview")] DeleteInterview,
    [JsonStringEnumMemberName("add_note")] AddNote,
    [JsonStringEnumMemberName("send_email")] SendEmail,
    [JsonStringEnumMemberName("log_email")] LogEmail,
}

public enum MutationStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>Where a schedule's (or an interview's) writes stand, all of them taken together.</summary>
public enum WriteBackStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("synced")] Synced,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>What Greenhouse (or a calendar) shows that differs from the schedule; shown, never silently overwritten.</summary>
public enum DriftKind
{
    [JsonStringEnumMemberName("deleted_in_greenhouse")] DeletedInGreenhouse,
    [JsonStringEnumMemberName("still_in_greenhouse")] StillInGreenhouse,
    [JsonStringEnumMemberName("moved_in_greenhouse")] MovedInGreenhouse,
    [JsonStringEnumMemberName("panel_changed_in_greenhouse")] PanelChangedInGreenhouse,
    [JsonStringEnumMemberName("not_actionable_in_greenhouse")] NotActionableInGreenhouse,
    [JsonStringEnumMemberName("not_updatable_in_greenhouse")] NotUpdatableInGreenhouse,
    [JsonStringEnumMemberName("duplicate_in_greenhouse")] DuplicateInGreenhouse,
    [JsonStringEnumMemberName("double_booked")] DoubleBooked,
}
