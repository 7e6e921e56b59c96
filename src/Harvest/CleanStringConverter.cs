using System.Text.Json;
using System.Text.Json.Serialization;
using GemScheduling.Boundaries;

namespace GemScheduling.Harvest;

/// <summary>Every string read from Greenhouse loses the characters GemScheduling does not store (NUL and other controls).</summary>
internal sealed class CleanStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? StoredText.Clean(reader.GetString()!) : null;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
