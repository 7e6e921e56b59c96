using System.Text.Json;

namespace GemScheduling.EventSourcing;

/// <summary>Who raised an event; stored beside the event, never inside its data.</summary>
public sealed record EventMetadata(string? Actor)
{
    public static readonly EventMetadata None = new((string?)null);

    public string ToJson() => JsonSerializer.Serialize(this, Persistence.EventStore.EventTypeRegistry.JsonOptions);

    public static EventMetadata Parse(string? json) =>
        json is null ? None : JsonSerializer.Deserialize<EventMetadata>(json, Persistence.EventStore.EventTypeRegistry.JsonOptions) ?? None;
}
