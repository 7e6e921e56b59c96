using GemScheduling.HarvestSandbox.Harvest;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace GemScheduling.HarvestSandbox.HarvestV3;

/// <summary>
/// <c>fields=id,name</c> (docs/HARVEST-CONTRACT.md §11): each row carries only the named members, in the row's own
/// order. A name the row does not have is a 422 naming <c>fields</c> (assumed).
/// </summary>
internal static class V3Fields
{
    public static HashSet<string>? Parse<TDto>(V3Query query, JsonTypeInfo<List<TDto>> typeInfo)
    {
        var names = query.List("fields");
        if (names is null)
        {
            return null;
        }

        var known = Members<TDto>(typeInfo);
        var unknown = names.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            query.Errors.Add(new FieldError($"fields has unknown fields: {string.Join(", ", unknown)}; known: {string.Join(", ", known)}", "fields"));
            return null;
        }

        return names.ToHashSet(StringComparer.Ordinal);
    }

    public static IResult Select<TDto>(List<TDto> rows, JsonTypeInfo<List<TDto>> typeInfo, HashSet<string> fields)
    {
        var array = JsonSerializer.SerializeToNode(rows, typeInfo)!.AsArray();
        foreach (var row in array)
        {
            var item = row!.AsObject();
            foreach (var name in item.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
            {
                item.Remove(name);
            }
        }

        return Results.Text(array.ToJsonString(typeInfo.Options), "application/json; charset=utf-8");
    }

    private static List<string> Members<TDto>(JsonTypeInfo<List<TDto>> typeInfo) =>
        typeInfo.Options.GetTypeInfo(typeof(TDto)).Properties.Select(p => p.Name).ToList();
}
