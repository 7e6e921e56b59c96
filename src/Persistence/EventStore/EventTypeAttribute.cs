namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// The stable name an event is stored under. Renaming or moving the CLR type keeps old events readable; a type that
/// was once stored under another name lists it in <see cref="Aliases"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string[] Aliases { get; init; } = [];
}

/// <summary>Rewrites the stored JSON of an older shape of one event type (for example a renamed field).</summary>
public interface IEventUpcaster
{
    string EventType { get; }

    void Upcast(System.Text.Json.Nodes.JsonObject data);
}
