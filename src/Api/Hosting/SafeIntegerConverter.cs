using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// Greenhouse ids are int64. JavaScript numbers hold integers exactly only up to 2^53 − 1, so (as RFC 7493, I-JSON,
/// advises) an id beyond that is written as a decimal string; every id Greenhouse has issued so far is far below it
/// and is written as a number. Reading accepts either form. See docs/API.md, "Ids".
/// </summary>
internal sealed class SafeIntegerConverter : JsonConverter<long>
{
    public const long MaxSafeInteger = (1L << 53) - 1;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var number) => number,
        JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        _ => throw new JsonException("Expected an integer."),
    };

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options)
    {
        if (value is >= -MaxSafeInteger and <= MaxSafeInteger)
            writer.WriteNumberValue(value);
        else
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }
}
