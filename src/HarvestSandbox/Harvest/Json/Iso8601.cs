using System.Globalization;
using System.Text.RegularExpressions;

namespace GemScheduling.HarvestSandbox.Harvest.Json;

internal static partial class Iso8601
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?)?$")]
    private static partial Regex Shape();

    /// <summary>
    /// Parses an ISO-8601 date or date-time. No offset means UTC. A '+' that arrived as a space (unencoded
    /// query strings) is repaired.
    /// </summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (!Shape().IsMatch(text))
        {
            var repaired = RepairPlus(text);
            if (repaired is null || !Shape().IsMatch(repaired))
            {
                return false;
            }

            text = repaired;
        }

        if (text.Length > 10 && text[10] == ' ')
        {
            text = string.Concat(text.AsSpan(0, 10), "T", text.AsSpan(11));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static string? RepairPlus(string text)
    {
        var space = text.LastIndexOf(' ');
        return space > 10 ? string.Concat(text.AsSpan(0, space), "+", text.AsSpan(space + 1)) : null;
    }
}
