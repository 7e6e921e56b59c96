using System.Text.Json;
using System.Text.Json.Serialization;

namespace GemScheduling.Harvest;

/// <summary>Harvest's JSON: snake_case, unknown members ignored, null members omitted from request bodies, control characters dropped.</summary>
public static class HarvestJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new CleanStringConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
