using Microsoft.OpenApi;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// The generator lists every record parameter as required. That is true of responses (every property is sent, null
/// when empty), but a request may leave out any field whose type allows null, so request schemas list only the
/// non-nullable ones.
/// </summary>
internal static class OpenApiRequiredness
{
    public static void RelaxRequestFields(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
            return;
        var requestSide = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
                if (media.Schema is { } schema)
                    pending.Push(schema);
        }

        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && schemas.TryGetValue(id, out var target) && requestSide.Add(id))
                    pending.Push(target);
                continue;
            }

            foreach (var child in Children(schema))
                pending.Push(child);
        }

        foreach (var id in requestSide)
        {
            if (schemas[id] is not OpenApiSchema { Properties: { } properties, Required: { } required })
                continue;
            foreach (var (name, property) in properties)
                if (IsNullable(property))
                    required.Remove(name);
        }
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.AllOf ?? [])
            .Concat(schema.Items is { } items ? [items] : []).Concat(schema.AdditionalProperties is { } extra ? [extra] : []);

    private static bool IsNullable(IOpenApiSchema property) =>
        property.Type is { } type && type.HasFlag(JsonSchemaType.Null)
        || (property.OneOf ?? []).Concat(property.AnyOf ?? []).Any(s => s.Type is { } t && t.HasFlag(JsonSchemaType.Null));
}
