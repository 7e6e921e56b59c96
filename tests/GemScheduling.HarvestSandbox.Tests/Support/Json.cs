using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GemScheduling.HarvestSandbox.Tests.Support;

public static class Json
{
    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    public static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response) =>
        (JsonArray)(await ReadAsync(response))!;

    public static long Id(this JsonNode node, string name = "id") => node[name]!.GetValue<long>();

    public static IReadOnlyList<long> Ids(this JsonArray array) => array.Select(n => n!.Id()).ToList();

    /// <summary>The "field" of every entry in a 422 body's errors.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var body = (await ReadAsync(response))!;
        return ((JsonArray)body["errors"]!).Select(e => e!["field"]!.GetValue<string>()).ToList();
    }

    public static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await ReadAsync(response))!["message"]!.GetValue<string>();
}

public static partial class Links
{
    [GeneratedRegex("<([^>]+)>;\\s*rel=\"([a-z]+)\"")]
    private static partial Regex Entry();

    public static string? Header(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : null;

    public static Dictionary<string, Uri> Parse(string? header)
    {
        var result = new Dictionary<string, Uri>();
        if (header is null)
        {
            return result;
        }

        foreach (Match m in Entry().Matches(header))
        {
            result[m.Groups[2].Value] = new Uri(m.Groups[1].Value);
        }

        return result;
    }
}
