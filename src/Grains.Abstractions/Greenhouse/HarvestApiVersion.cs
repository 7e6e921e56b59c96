using System.Text.Json.Serialization;

namespace GemScheduling.Greenhouse;

/// <summary>Which Harvest an org connects through: v1/v2 with an API key (retired by Greenhouse on 2026-08-31) or v3 with OAuth.</summary>
public enum HarvestApiVersion
{
    [JsonStringEnumMemberName("v1")] V1,
    [JsonStringEnumMemberName("v3")] V3,
}
