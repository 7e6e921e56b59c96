using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using GemScheduling.Boundaries;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// Refuses, before any handler runs, a request whose body, route or query holds a character GemScheduling does not
/// store (<see cref="StoredText"/>): 422 naming each field by its JSON path, e.g. <c>interviews[0].location</c>.
/// </summary>
internal sealed class StoredTextFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Get)[]> Properties = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new Dictionary<string, string[]>();
        var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [];
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            var name = i < parameters.Length ? parameters[i].Name ?? $"${i}" : $"${i}";
            Inspect(context.Arguments[i], IsBody(context.Arguments[i]) ? "" : name, errors, depth: 0);
        }

        foreach (var (key, values) in context.HttpContext.Request.Query)
            foreach (var value in values)
                Check(value, key, errors);

        if (errors.Count > 0)
            throw new ValidationFailedException(errors, "The request holds characters GemScheduling does not store.");
        return next(context);
    }

    private static bool IsBody(object? argument) => argument is not null && argument is not string && IsRequestType(argument.GetType());

    private static bool IsRequestType(Type type) => type.Namespace?.StartsWith("GemScheduling.Api", StringComparison.Ordinal) == true;

    private static void Inspect(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        if (value is null || depth > 8)
            return;
        switch (value)
        {
            case string text:
                Check(text, path.Length == 0 ? "$" : path, errors);
                return;
            case IEnumerable items when value.GetType().IsArray || value.GetType().IsGenericType:
                var n = 0;
                foreach (var item in items)
                    Inspect(item, $"{path}[{n++}]", errors, depth + 1);
                return;
        }

        if (!IsRequestType(value.GetType()))
            return;
        foreach (var (name, get) in Properties.GetOrAdd(value.GetType(), Describe))
            Inspect(get(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
    }

    private static void Check(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
            return;
        var at = StoredText.FirstRefused(text);
        if (at < 0)
            return;
        errors[field] = [$"Holds a character GemScheduling does not store ({StoredText.Describe(text, at)}): NUL and other control characters and unpaired surrogates are refused."];
    }

    private static (string Name, Func<object, object?> Get)[] Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.DeclaringType != typeof(object) && p.Name != "EqualityContract")
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), (Func<object, object?>)p.GetValue))
            .ToArray();
}
