using System.Globalization;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Harvest.Json;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>Reads a JSON write body field by field, collecting one error per invalid field for the 422.</summary>
internal sealed class BodyReader(JsonElement body)
{
    public List<FieldError> Errors { get; } = [];

    public bool Has(string field) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out _);

    public void Fail(string field, string message) => Errors.Add(new FieldError(message, field));

    public static string Missing(string field) => $"Missing required field: {field}";

    /// <summary>An integer id; a numeric string is accepted too (the docs' own Add Note example sends one).</summary>
    public long? Id(string field, bool required) => Id(body, field, field, required);

    public long? Id(JsonElement obj, string field, string path, bool required)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(path, Missing(field));
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String &&
            long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        Fail(path, $"{field} must be an integer");
        return null;
    }

    public string? String(string field, bool required, bool allowEmpty = false) => String(body, field, field, required, allowEmpty);

    public string? String(JsonElement obj, string field, string path, bool required, bool allowEmpty = false)
    {
        if (!obj.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(path, Missing(field));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(path, $"{field} must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            Fail(path, required ? Missing(field) : $"{field} must not be blank");
            return null;
        }

        return text;
    }

    /// <summary>Present-and-null clears an optional string; absent leaves it alone.</summary>
    public (bool Present, string? Value) OptionalString(string field)
    {
        if (!body.TryGetProperty(field, out var value))
        {
            return (false, null);
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"{field} must be a string");
            return (false, null);
        }

        return (true, value.GetString());
    }

    public DateTimeOffset? Instant(string field, bool required)
    {
        var text = String(field, required);
        if (text is null)
        {
            return null;
        }

        if (Iso8601.TryParseInstant(text, out var value) && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        Fail(field, $"{field} must be an ISO-8601 date-time, e.g. 2018-12-12T13:15:00Z");
        return null;
    }

    public JsonElement? Array(string field, bool required)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(field, Missing(field));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(field, $"{field} must be an array");
            return null;
        }

        return value;
    }

    /// <summary>An optional array of strings: empty when absent; an array holding anything else fails the field.</summary>
    public List<string> StringArray(string field)
    {
        var result = new List<string>();
        if (Array(field, required: false) is not { } array)
        {
            return result;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Fail(field, $"{field} must be an array of strings");
                return result;
            }

            result.Add(item.GetString()!);
        }

        return result;
    }
}
