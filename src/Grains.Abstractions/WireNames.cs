using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace GemScheduling;

/// <summary>An enum member's name on the wire (its <see cref="JsonStringEnumMemberNameAttribute"/>), for stores that keep text.</summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<(Type, string), string> Names = new();

    public static string Wire<T>(this T value) where T : struct, Enum =>
        Names.GetOrAdd((typeof(T), value.ToString()), key =>
            key.Item1.GetField(key.Item2)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? key.Item2);

    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.Wire(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
