using System.Text.Json.Nodes;
using GemScheduling.Persistence.EventStore;

namespace GemScheduling.Schedules.Events;

/// <summary>
/// Skips stored before they had a <see cref="SkipReason"/> carried only their sentence. The two degraded-mode sentences
/// of that time are recognised here, once, on read, so older schedules keep their warnings; nothing else reads the text.
/// </summary>
internal sealed class LegacySkipReasons : IEventUpcaster
{
    public string EventType => "schedule.mutation-skipped";

    public void Upcast(JsonObject data)
    {
        if (data.ContainsKey("why") || data["reason"]?.GetValue<string>() is not { } sentence)
            return;
        data["why"] = sentence.Contains("lacks", StringComparison.Ordinal) ? SkipReason.MissingPermission.Wire()
            : sentence.Contains("no email address", StringComparison.Ordinal) ? SkipReason.NoCandidateEmail.Wire()
            : SkipReason.NotNeeded.Wire();
    }
}
