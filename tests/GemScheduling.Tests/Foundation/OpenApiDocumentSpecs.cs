using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.Api.Hosting;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Foundation;

/// <summary>/openapi/v1.json as a client generator reads it: names, types, required-ness, ids, problems, security.</summary>
public sealed class OpenApiDocumentSpecs : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private JsonElement _document;

    public async Task InitializeAsync() => _document = await _api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        _document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)));

    private JsonElement Schemas => _document.GetProperty("components").GetProperty("schemas");

    [Fact]
    public void Given_the_document_then_it_has_a_title_an_introduction_and_the_bearer_scheme()
    {
        var info = _document.GetProperty("info");
        Assert.Equal("GemScheduling API", info.GetProperty("title").GetString());
        var introduction = info.GetProperty("description").GetString()!;
        foreach (var topic in new[] { "Authentication", "Tenancy", "Paging", "Errors", "Idempotency", "Ids" })
            Assert.Contains($"**{topic}", introduction);

        var bearer = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public void Given_every_operation_then_it_has_a_unique_id_a_summary_its_problems_and_security_unless_anonymous()
    {
        var operations = Operations().ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations");

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "400", "429", "503" })
                Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path} lacks {status}");
            // Greenhouse's deliveries carry no token: their signature is checked instead, and a bad one is a 401.
            var signed = path.StartsWith("/api/v1/greenhouse-webhooks", StringComparison.Ordinal);
            var anonymous = signed || path.StartsWith("/api/v1/availability-links", StringComparison.Ordinal) || path.StartsWith("/api/v1/booking-links", StringComparison.Ordinal)
                || path.StartsWith("/api/v1/bookings", StringComparison.Ordinal);
            Assert.Equal(!anonymous, operation.TryGetProperty("security", out _));
            Assert.Equal(!anonymous || signed, responses.TryGetProperty("401", out _));
            if (operation.TryGetProperty("requestBody", out _))
                Assert.True(responses.TryGetProperty("422", out _), $"{method} {path} takes a body but lists no 422");
            foreach (var answer in responses.EnumerateObject().Where(r => r.Name.StartsWith('2')))
                if (answer.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json))
                    Assert.True(json.GetProperty("schema").EnumerateObject().Any(), $"{method} {path} answers {answer.Name} with an untyped body");
        }
    }

    [Fact]
    public void Given_every_schema_then_ids_are_integers_numbers_have_no_string_pattern_and_enums_are_strings()
    {
        var int64s = 0;
        foreach (var (owner, property) in Properties())
        {
            var types = TypesOf(property);
            if (property.TryGetProperty("format", out var format) && format.GetString() == "int64")
            {
                int64s++;
                Assert.Contains("integer", types);
            }

            if (types.Contains("integer") || types.Contains("number"))
            {
                Assert.DoesNotContain("string", types);
                Assert.False(property.TryGetProperty("pattern", out _), $"{owner} has a number with a pattern");
            }
        }

        Assert.True(int64s > 20, $"only {int64s} int64 properties found");
        var enums = Schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        Assert.Contains(enums, e => e.Name == "TokenRole");
        Assert.All(enums, e => Assert.Contains("string", TypesOf(e.Value))); // sent by name, so a generator must not read numbers
    }

    [Fact]
    public void Given_request_bodies_then_no_nullable_field_is_required_and_responses_still_list_what_is_always_sent()
    {
        var requestSchemas = Operations()
            .Where(o => o.Operation.TryGetProperty("requestBody", out _))
            .SelectMany(o => RefsIn(o.Operation.GetProperty("requestBody")))
            .ToHashSet();
        Assert.Contains("CreateScheduleBody", requestSchemas);
        Assert.Contains("InterviewBody", requestSchemas); // reached through CreateScheduleBody.interviews

        foreach (var name in requestSchemas)
        {
            var schema = Schemas.GetProperty(name);
            var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToList() : [];
            foreach (var property in schema.TryGetProperty("properties", out var props) ? props.EnumerateObject() : default)
                Assert.False(required.Contains(property.Name) && TypesOf(property.Value).Contains("null"), $"{name}.{property.Name} is nullable yet required");
        }

        var view = Schemas.GetProperty("ScheduleView").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("id", view);
        Assert.Contains("interviews", view);
    }

    [Fact]
    public void Given_two_types_that_share_a_name_then_the_document_refuses_them_and_the_interviewer_schemas_are_distinct()
    {
        // The interviewer on an interview and an interviewer's own settings used to share the names InterviewerBody and InterviewerView.
        Assert.True(Schemas.GetProperty("InterviewerBody").GetProperty("properties").TryGetProperty("email", out _));
        Assert.True(Schemas.GetProperty("InterviewerSettingsBody").GetProperty("properties").TryGetProperty("icsUrl", out _));
        Assert.True(Schemas.GetProperty("InterviewerProfileView").GetProperty("properties").TryGetProperty("calendarProblems", out _));

        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, Type>();
        var options = JsonSerializerOptions.Web;
        var name = OpenApiDocumentConventions.UniqueName(JsonTypeInfo.CreateJsonTypeInfo<First.Probe>(options), names);
        Assert.Equal(name, OpenApiDocumentConventions.UniqueName(JsonTypeInfo.CreateJsonTypeInfo<First.Probe>(options), names));
        var clash = Assert.Throws<InvalidOperationException>(() => OpenApiDocumentConventions.UniqueName(JsonTypeInfo.CreateJsonTypeInfo<Second.Probe>(options), names));
        Assert.Contains(name!, clash.Message);
    }

    private IEnumerable<(string Owner, JsonElement Property)> Properties() =>
        Schemas.EnumerateObject()
            .Where(s => s.Value.TryGetProperty("properties", out _))
            .SelectMany(s => s.Value.GetProperty("properties").EnumerateObject().Select(p => ($"{s.Name}.{p.Name}", p.Value)));

    /// <summary>The types a schema allows, its oneOf/anyOf alternatives included (a nullable reference is oneOf null and the $ref).</summary>
    private static List<string> TypesOf(JsonElement schema)
    {
        var types = !schema.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        foreach (var combinator in new[] { "oneOf", "anyOf" })
            if (schema.TryGetProperty(combinator, out var alternatives))
                types.AddRange(alternatives.EnumerateArray().SelectMany(TypesOf));
        return types;
    }

    private IEnumerable<string> RefsIn(JsonElement element)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<JsonElement>([element]);
        while (pending.TryPop(out var node))
        {
            if (node.ValueKind == JsonValueKind.Array)
                foreach (var item in node.EnumerateArray())
                    pending.Push(item);
            if (node.ValueKind != JsonValueKind.Object)
                continue;
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.GetString()!.Split('/')[^1] is var name && seen.Add(name))
                    pending.Push(Schemas.GetProperty(name));
                else
                    pending.Push(property.Value);
            }
        }

        return seen;
    }
}

file static class First
{
    public sealed record Probe(string A);
}

file static class Second
{
    public sealed record Probe(int B);
}
