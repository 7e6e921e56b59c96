using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GemScheduling.Persistence.EventStore;

/// <summary>
/// Maps event CLR types to their stable stored names and back. Reading is lenient: unknown members are skipped, missing
/// members take their defaults, and registered upcasters rewrite older shapes before deserialization.
/// </summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions JsonOptions = CreateOptions();

    private readonly FrozenDictionary<string, Type> _byName;
    private readonly FrozenDictionary<Type, string> _byType;
    private readonly FrozenDictionary<string, IEventUpcaster[]> _upcasters;

    public EventTypeRegistry(IEnumerable<Assembly> assemblies, IEnumerable<IEventUpcaster>? upcasters = null)
    {
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        var byType = new Dictionary<Type, string>();
        foreach (var type in assemblies.Distinct().SelectMany(SafeTypes))
        {
            var attribute = type.GetCustomAttribute<EventTypeAttribute>();
            if (attribute is null)
                continue;
            byType[type] = attribute.Name;
            foreach (var name in attribute.Aliases.Prepend(attribute.Name))
            {
                if (byName.TryGetValue(name, out var existing) && existing != type)
                    throw new InvalidOperationException($"Event type name '{name}' is used by both {existing} and {type}.");
                byName[name] = type;
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = byType.ToFrozenDictionary();
        _upcasters = (upcasters ?? []).GroupBy(u => u.EventType).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public string NameOf(Type eventType) =>
        _byType.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException($"{eventType} has no [EventType] name, so it cannot be stored.");

    public (string Type, string Json) Serialize(object @event) =>
        (NameOf(@event.GetType()), JsonSerializer.Serialize(@event, @event.GetType(), JsonOptions));

    public object Deserialize(string eventType, string json)
    {
        if (!_byName.TryGetValue(eventType, out var type))
            throw new InvalidOperationException($"Stored event type '{eventType}' is not known to this build.");
        if (_upcasters.TryGetValue(eventType, out var upcasters))
        {
            var node = JsonNode.Parse(json)!.AsObject();
            foreach (var upcaster in upcasters)
                upcaster.Upcast(node);
            return node.Deserialize(type, JsonOptions)!;
        }

        return JsonSerializer.Deserialize(json, type, JsonOptions)!;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(t => t is not null)!;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
