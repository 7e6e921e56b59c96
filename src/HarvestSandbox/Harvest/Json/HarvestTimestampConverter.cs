using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemScheduling.HarvestSandbox.Harvest.Json;

/// <summary>Writes instants the way Harvest does: UTC, millisecond precision, <c>Z</c> suffix (docs/HARVEST-CONTRACT.md §5).</summary>
public sealed class HarvestTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("Expected an ISO-8601 timestamp.");
        return Iso8601.TryParseInstant(text, out var value) ? value : throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    public static string ToWire(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}

/// <summary><c>{"date_time": ...}</c> for timed interviews, <c>{"date": ...}</c> for all-day ones (docs/HARVEST-CONTRACT.md §7.6).</summary>
public sealed class InterviewTimeConverter : JsonConverter<InterviewTime>
{
    public override InterviewTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        DateTimeOffset? at = null;
        DateOnly? date = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (name == "date_time" && Iso8601.TryParseInstant(reader.GetString(), out var instant))
            {
                at = instant;
            }
            else if (name == "date" && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
            }
        }

        return new InterviewTime(at, date);
    }

    public override void Write(Utf8JsonWriter writer, InterviewTime value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.DateTime is { } at)
        {
            writer.WriteString("date_time", HarvestTimestampConverter.ToWire(at));
        }
        else
        {
            writer.WriteString("date", value.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }
}
