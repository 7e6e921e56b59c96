namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// The store refused these events for what they hold, not for being unreachable (a value PostgreSQL cannot store, a
/// violated constraint). Trying again cannot succeed, so the writer drops them instead of retrying.
/// </summary>
public sealed class EventRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// The marker stored in place of events the store refused, so the stream's version moves (and the refused events are
/// dropped by the log view) and the history shows what happened. Folding skips it.
/// </summary>
public static class WriteRejected
{
    public const string EventType = "gs.write-rejected";

    public static EventToAppend Marker(string reason, IEnumerable<string> refusedTypes) => new(
        Guid.NewGuid(), EventType,
        System.Text.Json.JsonSerializer.Serialize(new { reason = Printable(reason), refused = refusedTypes.Select(Printable).ToArray() }),
        null);

    /// <summary>Only what any store accepts: the reason is ours, but it may quote a type name or a store's message.</summary>
    private static string Printable(string text) => new(text.Where(c => c is >= ' ' and < (char)127).Take(300).ToArray());
}

/// <summary>What PostgreSQL's <c>jsonb</c> refuses and System.Text.Json writes: the escape <c>\u0000</c> and unpaired surrogates.</summary>
public static class JsonbRules
{
    public static string? Refusal(string json)
    {
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (char.IsHighSurrogate(c) && (i + 1 >= json.Length || !char.IsLowSurrogate(json[i + 1])) || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(json[i - 1])))
                return "an unpaired surrogate";
            if (c == '\0')
                return "a NUL character";
            if (c != '\\' || i + 1 >= json.Length)
                continue;
            if (json[i + 1] != 'u' || i + 5 >= json.Length)
            {
                i++; // an escape such as \" or \\: skip the escaped character
                continue;
            }

            var code = Convert.ToInt32(json.Substring(i + 2, 4), 16);
            if (code == 0)
                return "the escape \\u0000";
            if (code is >= 0xD800 and <= 0xDBFF)
            {
                var low = i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' ? Convert.ToInt32(json.Substring(i + 8, 4), 16) : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                    return "an unpaired surrogate escape";
                i += 6;
            }
            else if (code is >= 0xDC00 and <= 0xDFFF)
            {
                return "an unpaired surrogate escape";
            }

            i += 5;
        }

        return null;
    }
}
