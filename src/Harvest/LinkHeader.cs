using System.Text.RegularExpressions;

namespace GemScheduling.Harvest;

/// <summary>RFC 8288 Link header parsing, and the page arithmetic needed to fan out over <c>rel="last"</c>.</summary>
public static partial class LinkHeader
{
    // <url> followed by its parameters up to the next <; URLs may contain commas (candidate_ids=1,2), so never split on them.
    [GeneratedRegex("""<(?<url>[^>]*)>(?<params>[^<]*)""", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex("""rel\s*=\s*"?(?<rel>[^";,]+)"?""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RelParameter();

    [GeneratedRegex("""(?<=[?&])page=(?<n>\d+)""", RegexOptions.CultureInvariant)]
    private static partial Regex PageParameter();

    /// <summary>rel → URL, exactly as given (a URL with repeated parameters is kept verbatim).</summary>
    public static IReadOnlyDictionary<string, Uri> Parse(IEnumerable<string> headerValues)
    {
        var links = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in headerValues)
        {
            foreach (Match match in LinkPattern().Matches(value))
            {
                var rel = RelParameter().Match(match.Groups["params"].Value);
                if (rel.Success && Uri.TryCreate(match.Groups["url"].Value.Trim(), UriKind.Absolute, out var url))
                    foreach (var name in rel.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        links.TryAdd(name, url);
            }
        }

        return links;
    }

    /// <summary>The effective page number of a Link URL: the last <c>page=</c> wins, as Rails reads repeated parameters.</summary>
    public static int? PageNumber(Uri url)
    {
        var matches = PageParameter().Matches(url.Query);
        return matches.Count == 0 ? null : int.Parse(matches[^1].Groups["n"].Value);
    }

    /// <summary>The URL of page <paramref name="page"/>, made from a Link URL by changing only its page value(s).</summary>
    public static Uri WithPage(Uri template, int page) =>
        new(template.GetLeftPart(UriPartial.Path) + PageParameter().Replace(template.Query, $"page={page}") + template.Fragment);
}
