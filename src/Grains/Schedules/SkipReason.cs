using System.Text.Json.Serialization;

namespace GemScheduling.Schedules;

/// <summary>Why a write was skipped. A missing permission and a candidate without an email are degraded mode, shown as the schedule's warnings.</summary>
public enum SkipReason
{
    [JsonStringEnumMemberName("not_needed")] NotNeeded,
    [JsonStringEnumMemberName("missing_permission")] MissingPermission,
    [JsonStringEnumMemberName("no_candidate_email")] NoCandidateEmail,
}
